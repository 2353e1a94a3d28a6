package org.geochat.core;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Answers with a problem from servlet code (filters, servlets, the error page), where no JAX-RS exception mapper is on the way. */
public final class ProblemResponses {

    private static final Jsonb JSON = JsonbBuilder.create();

    private ProblemResponses() {}

    public static void write(HttpServletResponse response, Problem problem) throws IOException {
        byte[] body = JSON.toJson(problem).getBytes(StandardCharsets.UTF_8);
        response.setStatus(problem.status());
        response.setContentType(Problem.MEDIA_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
