package org.geochat.chat;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.geochat.core.Problem;
import org.geochat.core.ProblemResponses;

/**
 * Runs before the container's WebSocket upgrade of {@code /chat} and {@code /chat/*}: refuses a handshake from a
 * browser page of a foreign origin with 403, and passes the client's address (trusted-proxy rules shared with
 * the lookup API) on to {@link ChatConfigurator} as a request header.
 */
@WebFilter(
        urlPatterns = {"/chat", "/chat/*"},
        asyncSupported = true)
public final class ChatHandshakeFilter extends HttpFilter {

    static final String PEER_HEADER = "X-Geochat-Chat-Peer";
    static final String TOKEN_HEADER = "X-Geochat-Chat-Token";
    /** Sent by {@link ChatProbe} with the token; passed on as {@code 1} when the token is right, else hidden. */
    static final String PROBE_HEADER = "X-Geochat-Chat-Probe";

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Chat chat = Chat.current();
        String origin = request.getHeader("Origin");
        if (origin != null
                && !allowed(origin, request.getHeader("Host"), chat.config().origins())) {
            ProblemResponses.write(
                    response,
                    Problem.of(
                            403,
                            "origin-not-allowed",
                            "Origin not allowed",
                            "This chat accepts pages of its own origin (or of GEOCHAT_CHAT_ORIGINS)."));
            return;
        }
        Map<String, String> added = Map.of(
                TOKEN_HEADER, chat.handshakeToken(),
                PEER_HEADER, chat.clientAddress().of(request),
                PROBE_HEADER, chat.isHandshakeToken(request.getHeader(PROBE_HEADER)) ? "1" : "0");
        chain.doFilter(
                new HttpServletRequestWrapper(request) {
                    @Override
                    public String getHeader(String name) {
                        String value = find(added, name);
                        return value != null || isOurs(name) ? value : super.getHeader(name);
                    }

                    @Override
                    public Enumeration<String> getHeaders(String name) {
                        String value = find(added, name);
                        return value != null ? Collections.enumeration(List.of(value)) : super.getHeaders(name);
                    }

                    @Override
                    public Enumeration<String> getHeaderNames() {
                        List<String> names = Collections.list(super.getHeaderNames()).stream()
                                .filter(n -> !isOurs(n))
                                .collect(Collectors.toCollection(ArrayList::new));
                        names.addAll(added.keySet());
                        return Collections.enumeration(names);
                    }
                },
                response);
    }

    /** Same origin (the Origin's host:port is the Host header), or one of the configured origins. */
    static boolean allowed(String origin, String host, List<String> configured) {
        if (!configured.isEmpty()) {
            String given = normalized(origin);
            return given != null
                    && configured.stream().map(ChatHandshakeFilter::normalized).anyMatch(given::equals);
        }
        try {
            URI uri = new URI(origin.strip());
            if (uri.getHost() == null || host == null || uri.getScheme() == null) {
                return false;
            }
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            String expected = uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
            String given = host.strip().toLowerCase(Locale.ROOT);
            return given.equals(expected)
                    || given.equals(uri.getHost().toLowerCase(Locale.ROOT)) && port == defaultPort(uri);
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** {@code scheme://host:port} in lower case with the default port written out, or null if it is not an origin. */
    static String normalized(String origin) {
        try {
            URI uri = new URI(origin.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            int port = uri.getPort() != -1 ? uri.getPort() : defaultPort(uri);
            return (uri.getScheme() + "://" + uri.getHost() + ":" + port).toLowerCase(Locale.ROOT);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static int defaultPort(URI uri) {
        return "https".equalsIgnoreCase(uri.getScheme()) || "wss".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static boolean isOurs(String name) {
        return PEER_HEADER.equalsIgnoreCase(name)
                || TOKEN_HEADER.equalsIgnoreCase(name)
                || PROBE_HEADER.equalsIgnoreCase(name);
    }

    private static String find(Map<String, String> headers, String name) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }
}
