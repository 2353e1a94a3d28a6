package org.geochat.core;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.core.Configuration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.glassfish.jersey.client.ClientRequest;
import org.glassfish.jersey.client.ClientResponse;
import org.glassfish.jersey.client.spi.AsyncConnectorCallback;
import org.glassfish.jersey.client.spi.Connector;
import org.glassfish.jersey.client.spi.ConnectorProvider;
import org.glassfish.jersey.jnh.connector.JavaNetHttpConnector;

/**
 * Jersey's {@code java.net.http} connector (jersey-jnh-connector), which waits on the network without
 * holding a thread, with one repair: in Jersey 3.1.11 its asynchronous {@code apply} passes responses to the
 * callback but drops failures, so a refused connection or an HTTP timeout would leave the call's
 * CompletionStage pending forever. Here failures reach {@link AsyncConnectorCallback#failure} too.
 */
public final class NonBlockingConnector implements Connector {

    private final JavaNetHttpConnector delegate;

    private NonBlockingConnector(JavaNetHttpConnector delegate) {
        this.delegate = delegate;
    }

    public static ConnectorProvider provider() {
        return (Client client, Configuration configuration) ->
                new NonBlockingConnector(new JavaNetHttpConnector(client, configuration));
    }

    @Override
    public ClientResponse apply(ClientRequest request) {
        return delegate.apply(request);
    }

    @Override
    public Future<?> apply(ClientRequest request, AsyncConnectorCallback callback) {
        Future<?> call = delegate.apply(request, callback);
        if (call instanceof CompletableFuture<?> stage) {
            stage.whenComplete((response, failure) -> {
                if (failure != null) {
                    callback.failure(AsyncBridge.unwrap(failure));
                }
            });
        }
        return call;
    }

    @Override
    public String getName() {
        return delegate.getName();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
