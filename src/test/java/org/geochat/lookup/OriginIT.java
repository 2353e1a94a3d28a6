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
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.geochat.testing.Deployments;
import org.geochat.testing.Http;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The embedded origin on real Tomcat, in ip-api.com's URL and JSON shape. */
@ExtendWith(ArquillianExtension.class)
class OriginIT {

    @Deployment(testable = false)
    static WebArchive origin() {
        return Deployments.geochat(
                "origin",
                Map.of(
                        "geochat.city.db.v4", Deployments.resourcePath("geoip/city-ipv4.mmdb"),
                        "geochat.city.db.v6", Deployments.resourcePath("geoip/city-ipv6.mmdb")));
    }

    @ArquillianResource
    private URL base;

    @Test
    void answersInIpApiShape() {
        HttpResponse<String> response = new Http(base).get("api/origin/json/8.8.8.8");
        assertEquals(200, response.statusCode());
        assertTrue(contentType(response).startsWith("application/json"));
        JsonObject answer = object(response);
        assertEquals("success", answer.getString("status"));
        assertEquals("United States", answer.getString("country"));
        assertEquals("US", answer.getString("countryCode"));
        assertEquals("", answer.getString("region"));
        assertEquals("California", answer.getString("regionName"));
        assertEquals("Mountain View", answer.getString("city"));
        assertEquals(37.4056, answer.getJsonNumber("lat").doubleValue(), 1e-4);
        assertEquals(-122.0775, answer.getJsonNumber("lon").doubleValue(), 1e-4);
        assertEquals("America/Los_Angeles", answer.getString("timezone"));
        assertEquals("8.8.8.8", answer.getString("query"));
        assertEquals(
                "IP Geolocation by DB-IP", answer.getJsonObject("attribution").getString("text"));
    }

    @Test
    void answersIpv6FromTheIpv6CityFile() {
        JsonObject answer = object(new Http(base).get("api/origin/json/2001:4860:4860::8888"));
        assertEquals("Montreal", answer.getString("city"));
        assertEquals("2001:4860:4860::8888", answer.getString("query"));
    }

    @Test
    void failuresAreIpApiFailures() {
        Http http = new Http(base);
        assertFailure(http.get("api/origin/json/10.0.0.1"), "private range", "10.0.0.1");
        assertFailure(http.get("api/origin/json/127.0.0.1"), "reserved range", "127.0.0.1");
        assertFailure(http.get("api/origin/json/not-an-ip"), "invalid query", "not-an-ip");
    }

    @Test
    void answersTheCallerWithoutAnAddress() {
        // The test runs on loopback, so the caller's own address is a reserved one.
        JsonObject answer = object(new Http(base).get("api/origin/json"));
        assertEquals("fail", answer.getString("status"));
        assertEquals("reserved range", answer.getString("message"));
    }

    @Test
    void answersABatchInOrder() {
        HttpResponse<String> response = new Http(base)
                .post(
                        "api/origin/batch",
                        "[\"8.8.8.8\", {\"query\": \"1.1.1.1\", \"fields\": \"city\"}, \"bad\", 7, \"2001:4860:4860::8888\"]");
        assertEquals(200, response.statusCode(), response.body());
        JsonArray answers = array(response);
        assertEquals(5, answers.size());
        assertEquals("Mountain View", answers.getJsonObject(0).getString("city"));
        assertEquals("Sydney", answers.getJsonObject(1).getString("city"));
        assertEquals("invalid query", answers.getJsonObject(2).getString("message"));
        assertEquals("invalid query", answers.getJsonObject(3).getString("message"));
        assertEquals("Montreal", answers.getJsonObject(4).getString("city"));
    }

    @Test
    void refusesBatchesThatAreNotIpApiBatches() {
        Http http = new Http(base);
        String tooMany =
                IntStream.range(0, 101).mapToObj(i -> "\"8.8.8.8\"").collect(Collectors.joining(",", "[", "]"));
        assertProblem(http.post("api/origin/batch", tooMany), 413, "batch-too-large");
        assertProblem(http.post("api/origin/batch", "{\"a\": \"8.8.8.8\"}"), 400, "invalid-batch");
        assertProblem(http.post("api/origin/batch", "[oops"), 400, "invalid-batch");
    }

    private static void assertFailure(HttpResponse<String> response, String message, String query) {
        assertEquals(200, response.statusCode());
        JsonObject answer = object(response);
        assertEquals("fail", answer.getString("status"));
        assertEquals(message, answer.getString("message"));
        assertEquals(query, answer.getString("query"));
        assertFalse(answer.containsKey("country"));
    }
}
