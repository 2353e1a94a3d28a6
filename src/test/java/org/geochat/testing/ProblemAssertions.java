package org.geochat.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks that an answer is a well-formed RFC 9457 problem with the expected status and code. */
public final class ProblemAssertions {

    private ProblemAssertions() {}

    public static JsonObject assertProblem(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", Http.contentType(response));
        JsonObject problem = Http.object(response);
        assertEquals(code, problem.getString("code"));
        assertEquals(status, problem.getInt("status"));
        assertEquals("urn:geochat:problem:" + code, problem.getString("type"));
        assertFalse(problem.getString("title").isBlank());
        assertFalse(problem.getString("detail").isBlank());
        assertNoInternals(response.request().method() + " " + response.request().uri(), response.body());
        return problem;
    }

    /** A stack trace, an exception's or a server's class name: what no answer may carry. */
    private static final Pattern INTERNALS = Pattern.compile("Exception|Caused by|\\tat |\\bat [a-z]+\\.[a-z]"
            + "|\\b(java|javax|jakarta|sun)\\.[a-z]+\\.|\\borg\\.(apache|glassfish|geochat|eclipse|jboss)\\.|\\bcom\\.sun\\."
            + "|\\bfish\\.payara\\.|\\bio\\.(lettuce|netty)\\.");

    /** Fails when {@code body} (of the answer to {@code where}) shows a stack trace or a class name. */
    public static void assertNoInternals(String where, String body) {
        Matcher found = INTERNALS.matcher(body);
        assertFalse(found.find(), () -> where + " shows '" + found.group() + "': " + body);
    }
}
