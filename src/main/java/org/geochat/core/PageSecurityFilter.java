package org.geochat.core;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Security headers on geochat's pages: a Content-Security-Policy that allows only this origin's scripts,
 * styles, images and connections (the chat's WebSocket included), and no framing, sniffing or referrer leaks.
 * The pages carry the same policy in a meta tag too, for a copy opened from disk.
 */
@WebFilter(urlPatterns = {"/", "*.html"})
public final class PageSecurityFilter extends HttpFilter {

    static final String POLICY =
            "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; " + "frame-ancestors 'none'";

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        chain.doFilter(request, response);
    }
}
