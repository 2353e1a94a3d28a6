package org.geochat.lookup;

import static org.geochat.testing.Http.array;
import static org.geochat.testing.Http.contentType;
import static org.geochat.testing.Http.object;
import static org.geochat.testing.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.geochat.testing.Deployments;
import org.geochat.testing.Http;
import org.geochat.testing.Scrape;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The lookup API on real Tomcat and Payara with no upstream configured: answered from the local databases, the
 * city fixture databases configured.
 */
@ExtendWith(ArquillianExtension.class)
class LookupIT {

    @Deployment(name = "lookup", testable = false)
    static WebArchive lookup() {
        return Deployments.geochat(
                "lookup",
                Map.of(
                        "geochat.city.db.v4", Deployments.resourcePath("geoip/city-ipv4.mmdb"),
                        "geochat.city.db.v6", Deployments.resourcePath("geoip/city-ipv6.mmdb"),
                        "geochat.upstream.timeout", Deployments.COLD_START_TIMEOUT));
    }

    /** The same WAR behind a trusted proxy: the test client's loopback address is the proxy. */
    @Deployment(name = "proxied", testable = false)
    static WebArchive proxied() {
        return Deployments.geochat(
                "proxied",
                Map.of(
                        "geochat.trusted.proxies",
                        "127.0.0.1, ::1",
                        "geochat.upstream.timeout",
                        Deployments.COLD_START_TIMEOUT));
    }

    @ArquillianResource
    @OperateOnDeployment("lookup")
    private URL base;

    @ArquillianResource
    @OperateOnDeployment("proxied")
    private URL proxiedBase;

    private Http http() {
        return new Http(base);
    }

    /** Local first: nothing goes over HTTP, not even to this deployment's own origin, and there is no cache. */
    @Test
    void withNoUpstreamTheLocalDatabasesAnswerInProcess() {
        Http http = http();
        assertEquals(200, http.get("api/ip/8.8.4.4").statusCode());
        assertEquals(
                200,
                http.send(http.request("api/ip/batch", "Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("[\"1.0.0.1\", \"2001:4860:4860::8844\"]"))
                                .build())
                        .statusCode());
        Scrape scrape = Scrape.of(http);
        assertTrue(scrape.value("geochat_http_requests_seconds_count", "route=\"/ip/{ip}\"") >= 1, scrape.text());
        assertFalse(scrape.text().contains("route=\"/origin"), "no call to its own origin");
        assertTrue(Double.isNaN(scrape.value("geochat_upstream_calls_seconds_count")), "no upstream calls");
        assertTrue(Double.isNaN(scrape.value("cache_gets_total", "cache=\"lookup\"")), "no lookup cache");
        JsonObject upstream = object(http.get("api/health")).getJsonObject("upstream");
        assertFalse(upstream.containsKey("url"), upstream.toString());
        assertFalse(upstream.containsKey("lastSuccess"), upstream.toString());
    }

    @Test
    void locatesAnIpv4AddressDownToTheCity() {
        HttpResponse<String> response = http().get("api/ip/8.8.8.8");
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(contentType(response).startsWith("application/json"));
        JsonObject location = object(response);
        assertEquals("8.8.8.8", location.getString("ip"));
        assertEquals("US", location.getString("countryCode"));
        assertEquals("United States", location.getString("country"));
        assertEquals("California", location.getString("region"));
        assertEquals("Mountain View", location.getString("city"));
        assertEquals(37.4056, location.getJsonNumber("latitude").doubleValue(), 1e-3);
        assertEquals(-122.0775, location.getJsonNumber("longitude").doubleValue(), 1e-3);
        assertEquals("dbip-city-lite", location.getString("source"));
        assertEquals(
                "IP Geolocation by DB-IP", location.getJsonObject("attribution").getString("text"));
        assertEquals("https://db-ip.com", location.getJsonObject("attribution").getString("url"));
    }

    @Test
    void locatesAnIpv6AddressFromTheIpv6CityFile() {
        JsonObject location = object(http().get("api/ip/2001:4860:4860::8888"));
        assertEquals("2001:4860:4860::8888", location.getString("ip"));
        assertEquals("CA", location.getString("countryCode"));
        assertEquals("Montreal", location.getString("city"));
    }

    @Test
    void fallsBackToCountryDataAndLeavesUnknownFieldsOut() {
        JsonObject location = object(http().get("api/ip/9.9.9.9"));
        assertEquals("9.9.9.9", location.getString("ip"));
        assertEquals(2, location.getString("countryCode").length());
        assertEquals("dbip-country-lite", location.getString("source"));
        assertFalse(location.containsKey("city"));
        assertFalse(location.containsKey("region"));
        assertFalse(location.containsKey("latitude"));
        assertTrue(location.containsKey("attribution"));
    }

    @Test
    void answersIpv4MappedIpv6AsIpv4() {
        assertEquals("8.8.8.8", object(http().get("api/ip/::ffff:8.8.8.8")).getString("ip"));
    }

    @Test
    void rejectsMalformedAddresses() {
        for (String bad : new String[] {
            "999.1.1.1",
            "not-an-ip",
            "01.2.3.4",
            "1.2.3",
            "2001:db8::1::2",
            "example.com",
            "%208.8.8.8",
            "8.8.8.8%0D%0A",
            "8.8.8.8%E3%80%80",
            "%C2%A08.8.8.8"
        }) { // whitespace is not part of an address
            JsonObject problem = assertProblem(http().get("api/ip/" + bad), 400, "invalid-ip");
            // Decided here, not by the upstream (which would say "invalid query" and map to the same code).
            assertFalse(problem.getString("detail").contains("upstream"), problem.toString());
        }
    }

    @Test
    void answersReservedRangesLocally() {
        for (String reserved : new String[] {
            "10.0.0.1",
            "127.0.0.1",
            "192.168.1.1",
            "::1",
            "fe80::1%25eth0",
            "::ffff:10.0.0.1",
            "2001:db8::1",
            "224.0.0.1",
            "198.51.100.1"
        }) {
            JsonObject problem = assertProblem(http().get("api/ip/" + reserved), 422, "reserved-range");
            // The local classification names the block and its RFC; the upstream's answer would not.
            assertTrue(problem.getString("detail").contains("RFC"), problem.toString());
        }
    }

    @Test
    void theCallerIsTheSocketPeerWhenThePeerIsNotATrustedProxy() {
        HttpResponse<String> response = http().get("api/ip", "X-Forwarded-For", "8.8.8.8");
        assertProblem(response, 422, "reserved-range");
        assertTrue(object(response).getString("detail").contains("loopback"), response.body());
    }

    @Test
    void theCallerComesFromTheProxyHeaderWhenThePeerIsATrustedProxy() {
        Http proxied = new Http(proxiedBase);
        HttpResponse<String> response = proxied.get("api/ip", "X-Forwarded-For", "10.9.9.9, 8.8.8.8");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("8.8.8.8", object(response).getString("ip"));
        assertEquals("US", object(response).getString("countryCode"));
        // Forwarded is not the configured header, so a client-written one changes nothing.
        assertProblem(proxied.get("api/ip", "Forwarded", "for=8.8.8.8"), 422, "reserved-range");
    }

    @Test
    void aListBatchAnswersInInputOrderWithAnErrorObjectInPlaceOfABadEntry() {
        HttpResponse<String> response = http().post(
                        "api/ip/batch",
                        "[\"8.8.8.8\", \"bogus\", \"2001:4860:4860::8888\", \"10.0.0.1\", 42, \"8.8.8.8\"]");
        assertEquals(200, response.statusCode(), response.body());
        JsonArray answers = array(response);
        assertEquals(6, answers.size());
        assertEquals("Mountain View", answers.getJsonObject(0).getString("city"));
        assertEquals("bogus", answers.getJsonObject(1).getString("ip"));
        assertEquals(
                "invalid-ip", answers.getJsonObject(1).getJsonObject("error").getString("code"));
        assertEquals("Montreal", answers.getJsonObject(2).getString("city"));
        assertEquals(
                "reserved-range",
                answers.getJsonObject(3).getJsonObject("error").getString("code"));
        assertEquals(422, answers.getJsonObject(3).getJsonObject("error").getInt("status"));
        assertEquals("42", answers.getJsonObject(4).getString("ip"));
        assertEquals(
                "invalid-ip", answers.getJsonObject(4).getJsonObject("error").getString("code"));
        assertEquals(answers.getJsonObject(0), answers.getJsonObject(5));
    }

    @Test
    void aMapBatchAnswersUnderTheSameNames() {
        HttpResponse<String> response = http().post(
                        "api/ip/batch",
                        "{\"google\": \"8.8.8.8\", \"cloudflare\": \"1.1.1.1\", \"home\": \"192.168.0.1\"}");
        assertEquals(200, response.statusCode(), response.body());
        JsonObject answers = object(response);
        assertEquals(List.of("google", "cloudflare", "home"), List.copyOf(answers.keySet()));
        assertEquals("Mountain View", answers.getJsonObject("google").getString("city"));
        assertEquals("Sydney", answers.getJsonObject("cloudflare").getString("city"));
        assertEquals(
                "reserved-range",
                answers.getJsonObject("home").getJsonObject("error").getString("code"));
    }

    @Test
    void refusesBatchesThatAreTooLargeOrNotBatches() {
        String tooMany = IntStream.rangeClosed(1, 101)
                .mapToObj(i -> "\"8.8.4." + (i % 250) + "\"")
                .collect(Collectors.joining(",", "[", "]"));
        assertProblem(http().post("api/ip/batch", tooMany), 413, "batch-too-large");
        assertProblem(http().post("api/ip/batch", "\"8.8.8.8\""), 400, "invalid-batch");
        assertProblem(http().post("api/ip/batch", "[\"8.8.8.8\""), 400, "invalid-batch");
        assertProblem(http().post("api/ip/batch", ""), 400, "invalid-batch");
        assertProblem(
                http().send(http().request("api/ip/batch", "Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("[\"8.8.8.8\"]"))
                        .build()),
                415,
                "unsupported-media-type");
    }

    /**
     * A refused body is read to its end. Over HTTP/2 (what this client negotiates with Payara) unread bytes are
     * never given back to the connection's flow-control window, and after a few refusals every later request on
     * the connection waits forever.
     */
    @Test
    void refusedBodiesLeaveTheConnectionUsable() {
        Http http = http();
        String deep = "[".repeat(100_000); // refused after about a thousand bytes
        String large = "[" + "\"8.8.8.8\",".repeat(20_000) + "\"8.8.8.8\"]"; // refused at the byte cap, half read
        for (int i = 0; i < 10; i++) { // 4 MB refused in all, over one connection
            assertProblem(http.post("api/ip/batch", deep), 400, "invalid-batch");
            assertProblem(http.post("api/ip/batch", large), 413, "batch-too-large");
            assertProblem(
                    http.send(http.request("api/ip/batch", "Content-Type", "text/plain")
                            .POST(HttpRequest.BodyPublishers.ofString(deep))
                            .build()),
                    415,
                    "unsupported-media-type");
        }
        assertEquals(200, http.post("api/ip/batch", "[\"8.8.8.8\"]").statusCode());
    }

    @Test
    void nothingAClientSendsCausesAServerErrorOrAStackTrace() {
        Http http = http();
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (String path : new String[] {
            "api/ip/%00",
            "api/ip/%25",
            "api/ip/" + "9".repeat(5000),
            "api/ip/%E2%80%8B8.8.8.8",
            "api/ip/%20%208.8.8.8",
            "api/ip/%5B::1%5D",
            "api/ip/::ffff:999.1.1.1",
            "api/ip/1.2.3.4%25eth0",
            "api/ip/fe80::1%25%2F",
            "api/ip/..%2F..%2Fetc%2Fpasswd",
            "api/ip/8.8.8.8?callback=x",
            "api/ip/0x08080808"
        }) {
            responses.add(http.get(path));
        }
        for (String body : new String[] {
            "[".repeat(100_000),
            "[1e999999999]",
            "[\"8.8.8.8\",",
            "{\"a\": {}}",
            "null",
            "[" + "\"8.8.8.8\",".repeat(99) + "[]]",
            "\uFEFF[\"8.8.8.8\"]"
        }) {
            responses.add(http.post("api/ip/batch", body));
        }
        responses.add(http.send(http.request("api/ip/batch", "Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'[', '"', (byte) 0xC3, (byte) 0x28, '"', ']'}))
                .build()));
        responses.add(http.get("api/ip/8.8.8.8", "Accept", "text/html"));
        responses.add(http.get("api/ip/8.8.8.8", "Accept", ";;;"));
        responses.add(http.send(http.request("api/ip/batch", "Content-Type", ";;")
                .POST(HttpRequest.BodyPublishers.ofString("[\"8.8.8.8\"]"))
                .build()));
        for (HttpResponse<String> response : responses) {
            String where =
                    response.request().method() + " " + response.request().uri() + " -> " + response.statusCode();
            assertTrue(response.statusCode() < 500, where + " " + response.body());
            assertFalse(
                    response.body().contains("Exception") || response.body().contains("\tat "),
                    where + " " + response.body());
            // Tomcat itself refuses a NUL or an encoded slash in the path, before any application sees it.
            boolean refusedByContainer = response.request().uri().getRawPath().matches(".*%(00|2F).*");
            if (response.statusCode() >= 400 && !refusedByContainer) {
                assertEquals("application/problem+json", contentType(response), where + " " + response.body());
            }
        }
        HttpResponse<String> oddNames = http.post("api/ip/batch", "{\"\": \"8.8.8.8\", \"x\": null}");
        assertEquals(200, oddNames.statusCode(), oddNames.body());
        assertEquals(
                "invalid-ip",
                object(oddNames).getJsonObject("x").getJsonObject("error").getString("code"));
    }

    @Test
    void theLandingPageCreditsDbIpAndAllowsOnlyItsOwnScripts() {
        HttpResponse<String> page = http().get("");
        assertEquals(200, page.statusCode());
        assertTrue(contentType(page).startsWith("text/html"));
        assertTrue(page.body().contains("<a href=\"https://db-ip.com\">IP Geolocation by DB-IP</a>"), page.body());
        assertTrue(page.body().contains("content=\"default-src 'self'"), page.body());
        assertEquals(200, http().get("assets/lookup.js").statusCode());
    }

    @Test
    void unknownPathsAndMethodsAreProblemsToo() {
        assertProblem(http().get("api/nothing-here"), 404, "not-found");
        HttpResponse<String> delete =
                http().send(http().request("api/ip/8.8.8.8").DELETE().build());
        assertProblem(delete, 405, "method-not-allowed");
        assertTrue(
                delete.headers().firstValue("Allow").orElse("").contains("GET"),
                delete.headers().toString());
    }
}
