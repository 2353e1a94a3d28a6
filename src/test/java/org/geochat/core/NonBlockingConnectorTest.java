package org.geochat.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.InvocationCallback;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.geochat.testing.StubUpstream;
import org.glassfish.jersey.client.ClientConfig;
import org.junit.jupiter.api.Test;

class NonBlockingConnectorTest {

    /**
     * java.net.http completes the future of a call on the common ForkJoinPool when the client has its own
     * executor (or, where that pool has one thread, on a new thread per answer): one more hand-off per answer.
     * The answer must reach the caller on the connector's own threads.
     */
    @Test
    void anAnswerReachesItsCallbackWithoutAHandOffToTheCommonPool() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2, task -> new Thread(task, "connector-pool"));
        Client client = ClientBuilder.newBuilder()
                .withConfig(new ClientConfig().connectorProvider(NonBlockingConnector.provider(pool)))
                .executorService(new CallerThreadExecutor())
                .build();
        try (StubUpstream upstream = new StubUpstream()) {
            BlockingQueue<String> answers = new LinkedBlockingQueue<>();
            client.target(upstream.url())
                    .path("json/8.8.8.8")
                    .request()
                    .async()
                    .get(new InvocationCallback<Response>() {
                        @Override
                        public void completed(Response response) {
                            answers.add(response.getStatus() + " "
                                    + response.readEntity(String.class).length() + " on "
                                    + Thread.currentThread().getName());
                        }

                        @Override
                        public void failed(Throwable failure) {
                            answers.add("failed: " + failure);
                        }
                    });

            String answer = answers.poll(10, TimeUnit.SECONDS);

            assertTrue(answer.startsWith("200 "), answer);
            assertTrue(answer.endsWith(" on connector-pool") || answer.contains("SelectorManager"), answer);
        } finally {
            client.close();
            pool.shutdownNow();
        }
    }
}
