package org.geochat.core;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Turns {@code sendError} under {@code /api} into problem+json. Jersey answers some bad requests before any
 * exception mapper can run (an unreadable {@code Content-Type} or {@code Accept} header, an invalid URI) by
 * calling {@code sendError}, which the servlet container would render as its HTML error page.
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public final class ProblemFallbackFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Jsonb JSON = JsonbBuilder.create();

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            @Override
            public void sendError(int status) throws IOException {
                sendError(status, null);
            }

            @Override
            public void sendError(int status, String message) throws IOException {
                Response.Status known = Response.Status.fromStatusCode(status);
                resetBuffer();
                write(response, HttpErrorMapper.problemFor(status, known == null ? null : known.getReasonPhrase()));
            }
        });
    }

    /** Answers with {@code problem} from servlet code, where no JAX-RS exception mapper is on the way. */
    public static void write(HttpServletResponse response, Problem problem) throws IOException {
        byte[] body = JSON.toJson(problem).getBytes(StandardCharsets.UTF_8);
        response.setStatus(problem.status());
        response.setContentType(Problem.MEDIA_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
