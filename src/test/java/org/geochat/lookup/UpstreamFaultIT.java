package org.geochat.lookup;

import static org.geochat.testing.Http.array;
import static org.geochat.testing.Http.contentType;
import static org.geochat.testing.Http.object;
import static org.geochat.testing.StubUpstream.Behaviour.ANSWER;
import static org.geochat.testing.StubUpstream.Behaviour.BUSY_429;
import static org.geochat.testing.StubUpstream.Behaviour.FAIL_500;
import static org.geochat.testing.StubUpstream.Behaviour.FAIL_ONCE;
import static org.geochat.testing.StubUpstream.Behaviour.GARBAGE;
import static org.geochat.testing.StubUpstream.Behaviour.HANG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
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
 * the deadline (the test client gives up after {@link Http#DEADLINE}; the upstream timeout here is 1 s).
 */
@ExtendWith(ArquillianExtension.class)
class UpstreamFaultIT {

    private static final StubUpstream STUB = new StubUpstream()
            .on("1.0.0.1", HANG)
            .on("1.0.0.2", FAIL_500)
            .on("1.0.0.3", GARBAGE)
            .on("1.0.0.4", BUSY_429)
            .on("1.0.0.5", FAIL_ONCE)
            .on("1.0.0.6", ANSWER)
            .on("1.0.0.7", ANSWER)
            .on("2001:4860::1", ANSWER);

    @Deployment(name = "faults", testable = false)
    static WebArchive faults() {
        return Deployments.geochat("faults", Map.of("geochat.upstream.url", STUB.url(), "geochat.upstream.timeout", "1s"));
    }

    @Deployment(name = "refused", testable = false)
    static WebArchive refused() {
        return Deployments.geochat("refused",
                Map.of("geochat.upstream.url", "http://127.0.0.1:" + StubUpstream.closedPort(), "geochat.upstream.timeout", "1s"));
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

    private static JsonObject problem(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", contentType(response));
        JsonObject problem = object(response);
        assertEquals(code, problem.getString("code"));
        return problem;
    }

    @Test
    void aHangingUpstreamIsATimeout() {
        problem(new Http(faults).get("api/ip/1.0.0.1"), 504, "upstream-timeout");
    }

    @Test
    void anUpstreamServerErrorIsABadGateway() {
        problem(new Http(faults).get("api/ip/1.0.0.2"), 502, "upstream-error");
    }

    @Test
    void garbageFromTheUpstreamIsABadGateway() {
        problem(new Http(faults).get("api/ip/1.0.0.3"), 502, "upstream-error");
    }

    @Test
    void aRateLimitedUpstreamIsBusyWithRetryAfter() {
        HttpResponse<String> response = new Http(faults).get("api/ip/1.0.0.4");
        JsonObject problem = problem(response, 503, "upstream-busy");
        assertEquals("17", response.headers().firstValue("Retry-After").orElse(""));
        assertEquals(17, problem.getInt("retryAfter"));
    }

    @Test
    void aRefusedConnectionIsABadGateway() {
        problem(new Http(refused).get("api/ip/8.8.8.8"), 502, "upstream-error");
    }

    @Test
    void anIpApiAnswerIsMappedWithItsHostAsSourceAndNoDbIpAttribution() {
        HttpResponse<String> response = new Http(faults).get("api/ip/2001:4860::1");
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
        Http http = new Http(faults);
        assertEquals(200, http.get("api/ip/1.0.0.6").statusCode());
        assertEquals(200, http.get("api/ip/1.0.0.6").statusCode());
        assertEquals(1, STUB.calls("1.0.0.6"));

        problem(http.get("api/ip/1.0.0.5"), 502, "upstream-error");
        assertEquals(200, http.get("api/ip/1.0.0.5").statusCode());
        assertEquals(2, STUB.calls("1.0.0.5"));
    }

    @Test
    void aBatchLooksDuplicatesUpOnceAndSurvivesFailingEntries() {
        HttpResponse<String> response = new Http(faults).post("api/ip/batch",
                "[\"1.0.0.7\", \"1.0.0.1\", \"::ffff:1.0.0.7\", \"1.0.0.2\", \"1.0.0.7\"]");
        assertEquals(200, response.statusCode(), response.body());
        JsonArray answers = array(response);
        assertEquals("Stubton", answers.getJsonObject(0).getString("city"));
        assertEquals("upstream-timeout", answers.getJsonObject(1).getJsonObject("error").getString("code"));
        assertEquals("1.0.0.7", answers.getJsonObject(2).getString("ip"));
        assertEquals("upstream-error", answers.getJsonObject(3).getJsonObject("error").getString("code"));
        assertEquals("1.0.0.7", answers.getJsonObject(4).getString("ip"));
        assertEquals(1, STUB.calls("1.0.0.7"));
    }
}
