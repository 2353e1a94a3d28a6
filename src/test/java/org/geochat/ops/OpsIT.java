package org.geochat.ops;

import static org.geochat.testing.Http.object;
import static org.geochat.testing.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.geochat.testing.ChatClient;
import org.geochat.testing.Deployments;
import org.geochat.testing.Http;
import org.geochat.testing.Scrape;
import org.geochat.testing.StubUpstream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What operators use, over real HTTP: /api/health, /metrics and its allowlist. */
@ExtendWith(ArquillianExtension.class)
class OpsIT {

    private static final StubUpstream UPSTREAM = new StubUpstream();

    /** A gateway: its lookups go to an upstream (which answers), through the cache. */
    @Deployment(name = "ops", testable = false)
    static WebArchive ops() {
        return Deployments.geochat(
                "ops",
                Map.of(
                        "geochat.trusted.proxies",
                        "127.0.0.1",
                        "geochat.upstream.url",
                        UPSTREAM.url(),
                        "geochat.upstream.timeout",
                        Deployments.COLD_START_TIMEOUT));
    }

    @AfterAll
    static void stopUpstream() {
        UPSTREAM.close();
    }

    /** Its lookup upstream refuses connections; metrics for 10.0.0.0/8 only. */
    @Deployment(name = "broken", testable = false)
    static WebArchive broken() {
        return Deployments.geochat(
                "ops-broken",
                Map.of("geochat.upstream.url", "http://127.0.0.1:1", "geochat.metrics.allow", "10.0.0.0/8"));
    }

    @ArquillianResource
    @OperateOnDeployment("ops")
    private URL ops;

    @ArquillianResource
    @OperateOnDeployment("broken")
    private URL broken;

    @Test
    void healthIsUpAndDescribesTheDatabaseTheUpstreamAndTheChat() throws InterruptedException {
        Http http = new Http(ops);
        assertEquals(200, http.get("api/ip/8.8.8.8").statusCode());
        try (ChatClient client = ChatClient.v1(ops, "chat/health?nick=hal")) {
            client.next("presence");
            HttpResponse<String> response = http.get("api/health");
            assertEquals(200, response.statusCode(), response.body());
            JsonObject health = object(response);
            assertEquals("UP", health.getString("status"));
            JsonObject geoip = health.getJsonObject("geoip");
            assertEquals("dbip-country-lite", geoip.getString("source"));
            assertTrue(Instant.parse(geoip.getString("built")).isBefore(Instant.now()), geoip.toString());
            assertFalse(geoip.getBoolean("cityData"));
            assertEquals(
                    "IP Geolocation by DB-IP",
                    geoip.getJsonObject("attribution").getString("text"));
            assertEquals(UPSTREAM.url(), health.getJsonObject("upstream").getString("url"));
            assertNotNull(health.getJsonObject("upstream").getString("lastSuccess", null), health.toString());
            // at least: another test's room (rooms stay until the cap) or closing connection may be counted too
            assertTrue(health.getJsonObject("chat").getInt("connections") >= 1, health.toString());
            assertTrue(health.getJsonObject("chat").getInt("rooms") >= 1, health.toString());
            assertTrue(
                    health.getJsonObject("chat").getBoolean("ready"),
                    "a handshake with its own chat succeeded: " + health);
        }
    }

    @Test
    void healthIsDegradedWhileTheUpstreamFails() {
        Http http = new Http(broken);
        assertProblem(http.get("api/ip/8.8.8.8"), 502, "upstream-error");
        HttpResponse<String> response = http.get("api/health");
        assertEquals(200, response.statusCode(), response.body());
        JsonObject health = object(response);
        assertEquals("DEGRADED", health.getString("status"));
        assertEquals("upstream-error", health.getJsonObject("upstream").getString("lastError"));
        assertEquals("http://127.0.0.1:1", health.getJsonObject("upstream").getString("url"));
    }

    @Test
    void metricsCountRequestsCacheUpstreamChatAndTheJvm() throws InterruptedException {
        Http http = new Http(ops);
        assertEquals(200, http.get("api/ip/1.1.1.1").statusCode());
        assertEquals(200, http.get("api/ip/1.1.1.1").statusCode()); // from the cache
        assertProblem(http.get("api/ip/10.0.0.1"), 422, "reserved-range");
        try (ChatClient client = ChatClient.v1(ops, "chat/metered?nick=meg")) {
            client.next("presence");
            client.say("counted, never logged");
            client.next("message");
            Scrape open = Scrape.of(http);
            assertTrue(open.value("geochat_chat_connections") >= 1, open.text());
            assertTrue(open.value("geochat_chat_rooms") >= 1);
            assertTrue(open.value("geochat_chat_messages_received_total") >= 1);
            assertTrue(open.value("geochat_chat_frames_sent_total") >= 3); // presence, join, message
            client.sendBinary();
            assertEquals(1003, client.closeCode());
        }
        Scrape scrape = Scrape.of(http);
        assertTrue(
                scrape.value("geochat_http_requests_seconds_count", "route=\"/ip/{ip}\"", "outcome=\"ok\"") >= 2,
                scrape.text());
        assertTrue(
                scrape.value("geochat_http_requests_seconds_count", "route=\"/ip/{ip}\"", "outcome=\"reserved-range\"")
                        >= 1);
        assertTrue(scrape.value("geochat_http_requests_seconds_bucket", "route=\"/ip/{ip}\"", "le=\"+Inf\"") >= 3);
        assertTrue(scrape.value("geochat_async_resumes_total", "route=\"/ip/{ip}\"") >= 1);
        assertTrue(scrape.value("cache_gets_total", "cache=\"lookup\"", "result=\"hit\"") >= 1);
        assertTrue(scrape.value("cache_gets_total", "cache=\"lookup\"", "result=\"miss\"") >= 1);
        assertTrue(scrape.value("geochat_upstream_calls_seconds_count", "outcome=\"ok\"") >= 1);
        assertEquals(0, scrape.value("geochat_upstream_calls_in_flight"));
        assertTrue(scrape.value("geochat_chat_closes_total", "code=\"1003\"") >= 1);
        assertTrue(scrape.value("jvm_threads_live_threads") > 0);
        assertTrue(scrape.value("jvm_memory_used_bytes") > 0);
        assertFalse(scrape.text().contains("counted, never logged"));
    }

    @Test
    void metricsAreRefusedOutsideTheAllowlistAndBehindAProxyToItsForwardedClient() {
        assertProblem(new Http(broken).get("metrics"), 403, "metrics-forbidden");
        // ops trusts 127.0.0.1 as a proxy: the caller is then the forwarded address, not the proxy's loopback one.
        assertProblem(new Http(ops).get("metrics", "X-Forwarded-For", "8.8.8.8"), 403, "metrics-forbidden");
        assertEquals(
                200,
                new Http(ops).get("metrics", "X-Forwarded-For", "127.0.0.1").statusCode());
    }
}
