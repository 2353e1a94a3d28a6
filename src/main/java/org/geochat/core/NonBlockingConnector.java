package org.geochat.core;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Configuration;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.glassfish.jersey.client.ClientProperties;
import org.glassfish.jersey.client.ClientRequest;
import org.glassfish.jersey.client.ClientResponse;
import org.glassfish.jersey.client.spi.AsyncConnectorCallback;
import org.glassfish.jersey.client.spi.Connector;
import org.glassfish.jersey.client.spi.ConnectorProvider;
import org.glassfish.jersey.message.internal.Statuses;

/**
 * A Jersey client connector on {@code java.net.http}: an asynchronous call waits on the network in the
 * client's selector, holding no thread, and its body is collected without blocking. It stands in for
 * jersey-jnh-connector 3.1.11, which is built on the same client but drops asynchronous failures (a refused
 * connection leaves the call pending forever), reads bodies through a blocking stream, and gives its
 * HttpClient an unbounded thread pool (63 threads in a test that held 300 calls open) that Tomcat reports
 * as leaked on undeploy. Here the HttpClient runs on geochat's own bounded executor. It follows no redirects
 * (an upstream that redirects is misconfigured, and following would let anyone on a plain-HTTP path steer the
 * gateway to internal addresses) and refuses bodies over {@link #MAX_BODY} bytes.
 */
public final class NonBlockingConnector implements Connector {

    /** Upstream answers are a few hundred bytes; a body beyond this fails the call instead of filling the heap. */
    static final int MAX_BODY = 1 << 20;

    /** Headers java.net.http sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final HttpClient http;

    private NonBlockingConnector(HttpClient http) {
        this.http = http;
    }

    /** Connectors whose HttpClient runs its tasks on {@code executor}. */
    public static ConnectorProvider provider(Executor executor) {
        return (client, configuration) -> new NonBlockingConnector(httpClient(executor, configuration));
    }

    /**
     * A synchronous call. {@code HttpClient.send} would honour the read timeout only until the response headers
     * arrive (JDK-8258397): an upstream that sent headers and then stalled its body would hold the calling thread
     * for ever. So the whole exchange gets the read timeout here, and is cancelled when it runs out.
     */
    @Override
    public ClientResponse apply(ClientRequest request) {
        HttpRequest httpRequest = toHttpRequest(request);
        CompletableFuture<HttpResponse<byte[]>> exchange = http.sendAsync(httpRequest, info -> new CappedBody());
        try {
            HttpResponse<byte[]> response = httpRequest.timeout().isPresent()
                    ? exchange.get(httpRequest.timeout().get().toNanos(), TimeUnit.NANOSECONDS)
                    : exchange.get();
            return toClientResponse(request, response.statusCode(), response.headers(), response.body());
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new ProcessingException(new HttpTimeoutException(
                    "no complete answer within " + httpRequest.timeout().get()));
        } catch (ExecutionException e) {
            throw new ProcessingException(AsyncBridge.unwrap(e));
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new ProcessingException(e);
        }
    }

    /**
     * An asynchronous call. The answer is handed to Jersey as soon as its body is in, on the thread that
     * completed the body: java.net.http completes the future it returns on the common ForkJoinPool whenever the
     * client has an executor of its own (a new thread per answer where that pool has one thread), which was one
     * more hand-off per answer. Failures still arrive through that future; the caller hears exactly once.
     */
    @Override
    public Future<?> apply(ClientRequest request, AsyncConnectorCallback callback) {
        HttpRequest httpRequest;
        try {
            httpRequest = toHttpRequest(request);
        } catch (RuntimeException e) {
            callback.failure(e);
            return CompletableFuture.failedFuture(e);
        }
        Caller caller = new Caller(request, callback);
        HttpResponse.BodyHandler<byte[]> answer =
                info -> HttpResponse.BodySubscribers.mapping(new CappedBody(), body -> {
                    caller.answer(info, body);
                    return body;
                });
        return http.sendAsync(httpRequest, answer).whenComplete((response, failure) -> {
            if (failure != null) {
                caller.fail(AsyncBridge.unwrap(failure));
            }
        });
    }

    /**
     * The one waiting for a call's outcome, told once and then let go. The HTTP client keeps a connection's last
     * body handler after the exchange: if that still held the request (and through it this connector and the
     * client), the client could never be collected, and on Java 17 its selector thread would outlive the
     * application (UndeployIT).
     */
    private static final class Caller {

        private record Waiting(ClientRequest request, AsyncConnectorCallback callback) {}

        private final AtomicReference<Waiting> waiting;

        Caller(ClientRequest request, AsyncConnectorCallback callback) {
            this.waiting = new AtomicReference<>(new Waiting(request, callback));
        }

        void answer(HttpResponse.ResponseInfo info, byte[] body) {
            Waiting w = waiting.getAndSet(null);
            if (w == null) {
                return;
            }
            ClientResponse response;
            try {
                response = toClientResponse(w.request(), info.statusCode(), info.headers(), body);
            } catch (RuntimeException e) {
                w.callback().failure(e);
                return;
            }
            w.callback().response(response);
        }

        void fail(Throwable failure) {
            Waiting w = waiting.getAndSet(null);
            if (w != null) {
                w.callback().failure(failure);
            }
        }
    }

    @Override
    public String getName() {
        return "geochat java.net.http connector";
    }

    @Override
    public void close() {
        // Java 21 made HttpClient closeable; on Java 17 its selector thread ends once the client is collected.
        if (http instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new ProcessingException(e);
            }
        }
    }

    private static HttpClient httpClient(Executor executor, Configuration configuration) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor);
        if (configuration.getProperty(ClientProperties.CONNECT_TIMEOUT) instanceof Integer millis && millis > 0) {
            builder.connectTimeout(Duration.ofMillis(millis));
        }
        return ContextLoader.httpClient(builder);
    }

    private static HttpRequest toHttpRequest(ClientRequest request) {
        HttpRequest.BodyPublisher body = body(request); // writing the entity also commits its headers
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.getUri()).method(request.getMethod(), body);
        request.getStringHeaders().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        Integer readTimeout = request.resolveProperty(ClientProperties.READ_TIMEOUT, Integer.class);
        if (readTimeout != null && readTimeout > 0) {
            builder.timeout(Duration.ofMillis(readTimeout));
        }
        return builder.build();
    }

    private static HttpRequest.BodyPublisher body(ClientRequest request) {
        if (!request.hasEntity()) {
            return HttpRequest.BodyPublishers.noBody();
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        request.setStreamProvider(contentLength -> buffer);
        try {
            request.writeEntity();
        } catch (IOException e) {
            throw new ProcessingException("Could not write the request entity", e);
        }
        return HttpRequest.BodyPublishers.ofByteArray(buffer.toByteArray());
    }

    private static ClientResponse toClientResponse(
            ClientRequest request, int status, HttpHeaders headers, byte[] body) {
        ClientResponse clientResponse = new ClientResponse(Statuses.from(status), request);
        headers.map().forEach((name, values) -> {
            if (!name.startsWith(":")) {
                clientResponse.getHeaders().addAll(name, values);
            }
        });
        clientResponse.setEntityStream(new ByteArrayInputStream(body));
        return clientResponse;
    }

    /** A response body longer than {@link #MAX_BODY} bytes. */
    public static final class BodyTooLargeException extends IOException {

        private static final long serialVersionUID = 1L;

        BodyTooLargeException() {
            super("response body larger than " + MAX_BODY + " bytes");
        }
    }
}
