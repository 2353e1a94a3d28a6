package org.geochat.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;

/** Checks that an answer is a well-formed RFC 9457 problem with the expected status and code. */
public final class ProblemAssertions {

    private ProblemAssertions() {
    }

    public static JsonObject assertProblem(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", Http.contentType(response));
        JsonObject problem = Http.object(response);
        assertEquals(code, problem.getString("code"));
        assertEquals(status, problem.getInt("status"));
        assertEquals("urn:geochat:problem:" + code, problem.getString("type"));
        assertFalse(problem.getString("title").isBlank());
        assertFalse(problem.getString("detail").isBlank());
        assertFalse(response.body().contains("Exception"), response.body());
        return problem;
    }
}
