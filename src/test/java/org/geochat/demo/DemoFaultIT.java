package org.geochat.demo;

import static org.geochat.testing.Http.object;
import static org.geochat.testing.ProblemAssertions.assertProblem;
import static org.geochat.testing.StubUpstream.Behaviour.ANSWER;
import static org.geochat.testing.StubUpstream.Behaviour.FAIL_500;
import static org.geochat.testing.StubUpstream.Behaviour.GARBAGE;
import static org.geochat.testing.StubUpstream.Behaviour.HANG;
import static org.geochat.testing.StubUpstream.Behaviour.HOLD;
import static org.geochat.testing.StubUpstream.Behaviour.STALL_BODY;
import static org.geochat.testing.StubUpstream.SLOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.geochat.testing.Deployments;
import org.geochat.testing.Http;
import org.geochat.testing.StubUpstream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The styles against a separate slow upstream started by the test (the tutorial's setup), which the test
 * makes hang, fail, stall, or hold its requests until released. Holding shows concurrency and order without
 * measuring time: a parallel call is proven parallel when all its calls are held open at the upstream at once,
 * the coroutine's calls sequential when the second asks for what the first's answer left.
 */
@ExtendWith(ArquillianExtension.class)
class DemoFaultIT {

    /** The grace is 3 s and the requests ask for no delay: a hung call must be answered by its 504 well before this. */
    private static final Duration DEADLINE = Duration.ofSeconds(6);

    private static final long HELD_WAIT_SECONDS = 5;

    private static final StubUpstream STUB = new StubUpstream();

    @Deployment(name = "stubbed", testable = false)
    static WebArchive stubbed() {
        return Deployments.geochat(
                "demo-stubbed", Map.of("geochat.demo.upstream.url", STUB.slowUrl(), "geochat.demo.grace", "3s"));
    }

    /** One executor thread, no queue, and at most 3 upstream calls in flight. */
    @Deployment(name = "onethread", testable = false)
    static WebArchive oneThread() {
        return Deployments.geochat(
                "demo-onethread",
                Map.of(
                        "geochat.demo.upstream.url",
                        STUB.slowUrl(),
                        "geochat.demo.grace",
                        "3s",
                        "geochat.demo.executor.threads",
                        "1",
                        "geochat.demo.executor.queue",
                        "0",
                        "geochat.demo.max.calls",
                        "3"));
    }

    @Deployment(name = "off", testable = false)
    static WebArchive off() {
        return Deployments.geochat("demo-off", Map.of("geochat.demo", "off"));
    }

    @ArquillianResource
    @OperateOnDeployment("stubbed")
    private URL stubbed;

    @ArquillianResource
    @OperateOnDeployment("onethread")
    private URL oneThread;

    @ArquillianResource
    @OperateOnDeployment("off")
    private URL off;

    @AfterEach
    void answerAgain() {
        STUB.on(SLOW, ANSWER);
        STUB.releaseAll();
    }

    @AfterAll
    static void stopStub() {
        STUB.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "callback", "coroutine", "executor", "parallel"})
    void aHangingUpstreamIsATimeoutInEveryStyle(String style) {
        STUB.on(SLOW, HANG);
        JsonObject problem =
                assertProblem(new Http(stubbed, DEADLINE).get("api/demo/" + style + "?ms=0"), 504, "upstream-timeout");
        // The call's own budget (delay + grace) answered, not the resource's backstop.
        assertTrue(problem.getString("detail").contains("within 3000 ms"), problem.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "callback", "coroutine", "executor", "parallel"})
    void anUpstreamErrorIsABadGatewayInEveryStyle(String style) {
        STUB.on(SLOW, FAIL_500);
        JsonObject problem =
                assertProblem(new Http(stubbed, DEADLINE).get("api/demo/" + style + "?ms=0"), 502, "upstream-error");
        assertEquals("The upstream answered HTTP 500.", problem.getString("detail"));
    }

    /** The read timeout alone would not end these: it stops counting once the headers are in. */
    @ParameterizedTest
    @ValueSource(strings = {"blocking", "callback", "coroutine", "executor", "parallel"})
    void anUpstreamThatStallsInTheMiddleOfItsBodyIsATimeoutInEveryStyle(String style) {
        STUB.on(SLOW, STALL_BODY);
        assertProblem(new Http(stubbed, DEADLINE).get("api/demo/" + style + "?ms=0"), 504, "upstream-timeout");
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "callback", "coroutine", "executor", "parallel"})
    void anAnswerThatIsNotJsonIsABadGateway(String style) {
        STUB.on(SLOW, GARBAGE);
        assertProblem(new Http(stubbed, DEADLINE).get("api/demo/" + style + "?ms=0"), 502, "upstream-error");
    }

    @Test
    void theSeparateUpstreamIsCalledWithTheDelay() {
        JsonObject answer = object(new Http(stubbed, DEADLINE).get("api/demo/parallel?ms=42&n=2"));
        answer.getJsonArray("results").getValuesAs(JsonObject.class).forEach(result -> {
            assertEquals(42, result.getInt("ms"));
            assertEquals("stub", result.getString("receivedOn"));
        });
    }

    @Test
    void parallelCallsAreAllInFlightAtOnce() throws InterruptedException {
        STUB.on(SLOW, HOLD);
        CompletableFuture<HttpResponse<String>> answer =
                new Http(stubbed, DEADLINE).getAsync("api/demo/parallel?ms=7&n=5");
        releaseAll(heldRequests(5, "ms=7"));
        HttpResponse<String> response =
                answer.orTimeout(DEADLINE.toSeconds(), TimeUnit.SECONDS).join();
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(5, object(response).getJsonArray("results").size());
    }

    /** The second call can only ask for 70 ms after the first has answered that it served 30. */
    @Test
    void theCoroutinesSecondCallIsBuiltFromTheFirstsAnswer() throws InterruptedException {
        STUB.on(SLOW, HOLD);
        CompletableFuture<HttpResponse<String>> answer =
                new Http(stubbed, DEADLINE).getAsync("api/demo/coroutine?ms=100");
        StubUpstream.releaseSlow(heldRequests(1, "ms=50").get(0), 30); // half the delay first
        HttpExchange second = STUB.nextHeld("ms=70", HELD_WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(second, "no second call for the 70 ms left");
        StubUpstream.release(second);
        HttpResponse<String> response =
                answer.orTimeout(DEADLINE.toSeconds(), TimeUnit.SECONDS).join();
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(2, object(response).getInt("upstreamCalls"));
    }

    @Test
    void anUpstreamClaimingMoreThanTheDelayCannotMakeTheSecondCallNegative() throws InterruptedException {
        STUB.on(SLOW, HOLD);
        CompletableFuture<HttpResponse<String>> answer =
                new Http(stubbed, DEADLINE).getAsync("api/demo/coroutine?ms=100");
        StubUpstream.releaseSlow(heldRequests(1, "ms=50").get(0), 999_999_999_999L);
        HttpExchange second = STUB.nextHeld("ms=0", HELD_WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(second, "no second call asking for 0 ms");
        StubUpstream.release(second);
        assertEquals(
                200,
                answer.orTimeout(DEADLINE.toSeconds(), TimeUnit.SECONDS).join().statusCode());
    }

    @Test
    void moreCallsThanTheCapAreRefusedAtOnce() {
        HttpResponse<String> response = new Http(oneThread, DEADLINE).get("api/demo/parallel?ms=0&n=4");
        JsonObject problem = assertProblem(response, 503, "demo-busy");
        assertEquals("1", response.headers().firstValue("Retry-After").orElse(""));
        assertEquals(1, problem.getInt("retryAfter"));
        assertEquals(
                200,
                new Http(oneThread, DEADLINE).get("api/demo/parallel?ms=0&n=3").statusCode());
    }

    @Test
    void aBurstThatFailedEndsAndTheNextOneRuns() {
        STUB.on(SLOW, HANG);
        Http http = new Http(stubbed, DEADLINE);
        JsonObject report = object(http.get("api/demo/burst?style=callback&ms=0&c=3"));
        for (JsonObject request : report.getJsonArray("requests").getValuesAs(JsonObject.class)) {
            assertEquals(504, request.getInt("status"), request.toString());
            assertEquals("upstream-timeout", request.getString("code"));
        }
        STUB.on(SLOW, ANSWER);
        assertEquals(200, http.get("api/demo/burst?style=callback&ms=0&c=1").statusCode());
    }

    @Test
    void aBurstFromAnotherSiteIsForbidden() {
        assertProblem(
                new Http(stubbed, DEADLINE).get("api/demo/burst?style=slow&ms=0&c=1", "Sec-Fetch-Site", "cross-site"),
                403,
                "cross-site");
        assertEquals(
                200,
                new Http(stubbed, DEADLINE)
                        .get("api/demo/burst?style=slow&ms=0&c=1", "Sec-Fetch-Site", "same-origin")
                        .statusCode());
    }

    @Test
    void withTheDemoOffItsEndpointsDoNotExist() {
        Http http = new Http(off, DEADLINE);
        assertProblem(http.get("api/demo/slow?ms=0"), 404, "not-found");
        assertProblem(http.get("api/hello/world"), 404, "not-found");
        assertEquals(200, http.get("api/ip/8.8.8.8").statusCode());
    }

    @Test
    void aFullExecutorSaysBusyInsteadOfQueueingForever() throws InterruptedException {
        STUB.on(SLOW, HOLD);
        Http http = new Http(oneThread, DEADLINE);
        CompletableFuture<HttpResponse<String>> first = http.getAsync("api/demo/executor?ms=3");
        List<HttpExchange> held = heldRequests(1, "ms=3"); // the pool's one thread now blocks on this call
        HttpResponse<String> second = http.get("api/demo/executor?ms=3");
        JsonObject problem = assertProblem(second, 503, "executor-busy");
        assertEquals("1", second.headers().firstValue("Retry-After").orElse(""));
        assertEquals(1, problem.getInt("retryAfter"));
        releaseAll(held);
        assertEquals(
                200,
                first.orTimeout(DEADLINE.toSeconds(), TimeUnit.SECONDS).join().statusCode());
    }

    @Test
    void oneBurstAtATime() throws InterruptedException {
        STUB.on(SLOW, HOLD);
        Http http = new Http(stubbed, DEADLINE);
        CompletableFuture<HttpResponse<String>> first = http.getAsync("api/demo/burst?style=callback&ms=5&c=2");
        List<HttpExchange> held = heldRequests(2, "ms=5");
        assertProblem(http.get("api/demo/burst?style=slow&ms=0&c=1"), 429, "burst-busy");
        releaseAll(held);
        HttpResponse<String> report =
                first.orTimeout(DEADLINE.toSeconds(), TimeUnit.SECONDS).join();
        assertEquals(200, report.statusCode(), report.body());
        assertEquals(2, object(report).getJsonArray("requests").size());
        assertEquals(200, http.get("api/demo/burst?style=slow&ms=0&c=1").statusCode());
    }

    /** The next {@code count} held calls asking for {@code query} (distinct per test, so no leftover is taken). */
    private static List<HttpExchange> heldRequests(int count, String query) throws InterruptedException {
        List<HttpExchange> held = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpExchange exchange = STUB.nextHeld(query, HELD_WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(exchange, "only " + i + " of " + count + " calls reached the upstream at once");
            held.add(exchange);
        }
        return held;
    }

    private static void releaseAll(List<HttpExchange> held) {
        held.forEach(StubUpstream::release);
    }
}
