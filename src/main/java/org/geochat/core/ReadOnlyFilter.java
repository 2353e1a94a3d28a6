package org.geochat.core;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/**
 * Outside {@code /api} (the pages, their assets, {@code /metrics}, the chat's handshake) geochat is read-only:
 * GET and HEAD, and OPTIONS answered here. Any other method is 405 with an {@code Allow} header, where the
 * servlets behind would answer 501 for methods they do not know (PATCH) or serve a page for a POST. The REST API
 * answers its own 405s.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public final class ReadOnlyFilter extends HttpFilter {

    static final String ALLOW = "GET, HEAD, OPTIONS";

    private static final long serialVersionUID = 1L;
    private static final Set<String> READS = Set.of("GET", "HEAD");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (READS.contains(request.getMethod()) || request.getServletPath().equals("/api")) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Allow", ALLOW);
        if ("OPTIONS".equals(request.getMethod())) {
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        ProblemResponses.write(response, HttpErrorMapper.problemFor(405, null));
    }
}
