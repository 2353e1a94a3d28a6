package org.geochat.lookup;

import static org.geochat.testing.StubUpstream.Behaviour.HOLD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.geochat.testing.Deployments;
import org.geochat.testing.Http;
import org.geochat.testing.Scrape;
import org.geochat.testing.StubUpstream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The gateway's JAX-RS client waits on the network without holding threads: with 300 upstream calls in
 * flight at once (the stub holds every one open, and the server's own gauge counts them), the server's JVM
 * gains only a handful of threads, as its /metrics reports. A connector that parks a thread per call (Jersey's
 * default) would add about 300.
 */
@ExtendWith(ArquillianExtension.class)
class NonBlockingClientIT {

    private static final int BATCHES = 3;
    private static final int PER_BATCH = 100;
    /** Generous: the JDK HttpClient and Tomcat may add a few pool threads under a burst; 300 parked calls would not fit. */
    private static final int MAX_EXTRA_THREADS = 60;

    private static final StubUpstream STUB = new StubUpstream();

    @Deployment(testable = false)
    static WebArchive held() {
        for (int b = 0; b <= BATCHES; b++) {
            for (int i = 0; i < PER_BATCH; i++) {
                STUB.on(ip(b, i), HOLD);
            }
        }
        return Deployments.geochat(
                "held", Map.of("geochat.upstream.url", STUB.url(), "geochat.upstream.timeout", "60s"));
    }

    @ArquillianResource
    private URL base;

    @AfterAll
    static void stopStub() {
        STUB.close();
    }

    private static String ip(int batch, int i) {
        return "5.0." + batch + "." + (i + 1);
    }

    private static String batchOf(int batch) {
        return IntStream.range(0, PER_BATCH)
                .mapToObj(i -> "\"" + ip(batch, i) + "\"")
                .collect(Collectors.joining(",", "[", "]"));
    }

    /** The server's, whichever JVM it runs in: embedded Tomcat shares this one, Payara Micro has its own. */
    private static double liveThreads(Http http) {
        return Scrape.of(http).value("jvm_threads_live_threads");
    }

    @Test
    void threadsStayFlatWhileHundredsOfUpstreamCallsAreInFlight() throws Exception {
        Http http = new Http(base);
        // Warm up once, so pools that start lazily exist before the baseline is taken.
        CompletableFuture<HttpResponse<String>> warmUp = http.postAsync("api/ip/batch", batchOf(BATCHES));
        releaseAll(PER_BATCH);
        assertEquals(
                200, warmUp.get(Http.DEADLINE.toSeconds(), TimeUnit.SECONDS).statusCode());

        double before = liveThreads(http);
        List<CompletableFuture<HttpResponse<String>>> batches = new ArrayList<>();
        for (int b = 0; b < BATCHES; b++) {
            batches.add(http.postAsync("api/ip/batch", batchOf(b)));
        }
        List<HttpExchange> inFlight = new ArrayList<>();
        for (int i = 0; i < BATCHES * PER_BATCH; i++) {
            HttpExchange exchange = STUB.nextHeld(Http.DEADLINE.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(exchange, "only " + i + " upstream calls arrived");
            inFlight.add(exchange);
        }
        Scrape during = Scrape.of(http);
        assertEquals(BATCHES * PER_BATCH, during.value("geochat_upstream_calls_in_flight"));
        double extra = during.value("jvm_threads_live_threads") - before;
        inFlight.forEach(StubUpstream::release);

        for (CompletableFuture<HttpResponse<String>> batch : batches) {
            HttpResponse<String> response = batch.get(Http.DEADLINE.toSeconds(), TimeUnit.SECONDS);
            assertEquals(200, response.statusCode(), response.body());
            assertEquals(PER_BATCH, Http.array(response).size());
        }
        assertTrue(
                extra <= MAX_EXTRA_THREADS,
                extra + " extra threads with " + inFlight.size() + " calls in flight (" + before + " before)");
    }

    private static void releaseAll(int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            HttpExchange exchange = STUB.nextHeld(Http.DEADLINE.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(exchange, "only " + i + " upstream calls arrived");
            StubUpstream.release(exchange);
        }
    }
}
