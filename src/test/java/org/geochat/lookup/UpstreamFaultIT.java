package org.geochat.lookup;

import static org.geochat.testing.Http.array;
import static org.geochat.testing.Http.object;
import static org.geochat.testing.ProblemAssertions.assertProblem;
import static org.geochat.testing.StubUpstream.Behaviour.ANSWER;
import static org.geochat.testing.StubUpstream.Behaviour.BUSY_429;
import static org.geochat.testing.StubUpstream.Behaviour.FAIL_500;
import static org.geochat.testing.StubUpstream.Behaviour.FAIL_ONCE;
import static org.geochat.testing.StubUpstream.Behaviour.GARBAGE;
import static org.geochat.testing.StubUpstream.Behaviour.HANG;
import static org.geochat.testing.StubUpstream.Behaviour.HUGE;
import static org.geochat.testing.StubUpstream.Behaviour.REDIRECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.geochat.testing.Deployments;
import org.geochat.testing.Http;
import org.geochat.testing.StubUpstream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The gateway against a misbehaving upstream started by the test: every fault answers its status within
 * the deadline. The upstream timeout is 1 s here and the gateway's backstop 1 s more, so the test client
 * gives up after 5 s, which leaves a slow build machine room without letting a hung answer pass.
 */
@ExtendWith(ArquillianExtension.class)
class UpstreamFaultIT {

    private static final Duration DEADLINE = Duration.ofSeconds(5);

    private static final StubUpstream STUB = new StubUpstream()
            .on("1.0.0.1", HANG)
            .on("1.0.0.2", FAIL_500)
            .on("1.0.0.3", GARBAGE)
            .on("1.0.0.4", BUSY_429)
            .on("1.0.0.5", FAIL_ONCE)
            .on("1.0.0.6", ANSWER)
            .on("1.0.0.7", ANSWER)
            .on("1.0.0.8", REDIRECT)
            .on("1.0.0.9", HUGE)
            .on("2001:4860::1", ANSWER);

    @Deployment(name = "faults", testable = false)
    static WebArchive faults() {
        return Deployments.geochat(
                "faults", Map.of("geochat.upstream.url", STUB.url(), "geochat.upstream.timeout", "1s"));
    }

    @Deployment(name = "refused", testable = false)
    static WebArchive refused() {
        return Deployments.geochat(
                "refused",
                Map.of(
                        "geochat.upstream.url",
                        "http://127.0.0.1:" + StubUpstream.closedPort(),
                        "geochat.upstream.timeout",
                        "1s"));
    }

    @ArquillianResource
    @OperateOnDeployment("faults")
    private URL faults;

    @ArquillianResource
    @OperateOnDeployment("refused")
    private URL refused;

    @AfterAll
    static void stopStub() {
        STUB.close();
    }

    @Test
    void aHangingUpstreamIsATimeout() {
        JsonObject problem = assertProblem(new Http(faults, DEADLINE).get("api/ip/1.0.0.1"), 504, "upstream-timeout");
        // The upstream call's own 1 s deadline answered, not the resource's backstop.
        assertTrue(problem.getString("detail").contains("within 1000 ms"), problem.toString());
    }

    @Test
    void anUpstreamServerErrorIsABadGateway() {
        assertProblem(new Http(faults, DEADLINE).get("api/ip/1.0.0.2"), 502, "upstream-error");
    }

    @Test
    void garbageFromTheUpstreamIsABadGateway() {
        assertProblem(new Http(faults, DEADLINE).get("api/ip/1.0.0.3"), 502, "upstream-error");
    }

    @Test
    void aRateLimitedUpstreamIsBusyWithRetryAfter() {
        HttpResponse<String> response = new Http(faults, DEADLINE).get("api/ip/1.0.0.4");
        JsonObject problem = assertProblem(response, 503, "upstream-busy");
        assertEquals("17", response.headers().firstValue("Retry-After").orElse(""));
        assertEquals(17, problem.getInt("retryAfter"));
    }

    @Test
    void aRedirectIsNotFollowedButABadGateway() {
        assertProblem(new Http(faults, DEADLINE).get("api/ip/1.0.0.8"), 502, "upstream-error");
    }

    @Test
    void anOversizedAnswerIsABadGateway() {
        assertProblem(new Http(faults, DEADLINE).get("api/ip/1.0.0.9"), 502, "upstream-error");
    }

    @Test
    void aRefusedConnectionIsABadGateway() {
        assertProblem(new Http(refused, DEADLINE).get("api/ip/8.8.8.8"), 502, "upstream-error");
    }

    @Test
    void anIpApiAnswerIsMappedWithItsHostAsSourceAndNoDbIpAttribution() {
        HttpResponse<String> response = new Http(faults, DEADLINE).get("api/ip/2001:4860::1");
        assertEquals(200, response.statusCode(), response.body());
        JsonObject location = object(response);
        assertEquals("2001:4860::1", location.getString("ip"));
        assertEquals("SL", location.getString("countryCode"));
        assertEquals("Stub Region", location.getString("region"));
        assertEquals("Stubton", location.getString("city"));
        assertEquals("127.0.0.1", location.getString("source"));
        assertFalse(location.containsKey("attribution"));
    }

    @Test
    void successesAreCachedAndFailuresAreNot() {
        Http http = new Http(faults, DEADLINE);
        assertEquals(200, http.get("api/ip/1.0.0.6").statusCode());
        assertEquals(200, http.get("api/ip/1.0.0.6").statusCode());
        assertEquals(1, STUB.calls("1.0.0.6"));

        assertProblem(http.get("api/ip/1.0.0.5"), 502, "upstream-error");
        assertEquals(200, http.get("api/ip/1.0.0.5").statusCode());
        assertEquals(2, STUB.calls("1.0.0.5"));
    }

    @Test
    void aBatchLooksDuplicatesUpOnceAndSurvivesFailingEntries() {
        HttpResponse<String> response = new Http(faults, DEADLINE)
                .post("api/ip/batch", "[\"1.0.0.7\", \"1.0.0.1\", \"::ffff:1.0.0.7\", \"1.0.0.2\", \"1.0.0.7\"]");
        assertEquals(200, response.statusCode(), response.body());
        JsonArray answers = array(response);
        assertEquals("Stubton", answers.getJsonObject(0).getString("city"));
        assertEquals(
                "upstream-timeout",
                answers.getJsonObject(1).getJsonObject("error").getString("code"));
        assertEquals("1.0.0.7", answers.getJsonObject(2).getString("ip"));
        assertEquals(
                "upstream-error",
                answers.getJsonObject(3).getJsonObject("error").getString("code"));
        assertEquals("1.0.0.7", answers.getJsonObject(4).getString("ip"));
        assertEquals(1, STUB.calls("1.0.0.7"));
    }
}
