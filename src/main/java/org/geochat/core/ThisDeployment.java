package org.geochat.core;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;

/** How geochat calls itself: the default upstreams of the lookup API and of the demo live in the same WAR. */
public final class ThisDeployment {

    /** Set by the container on requests that arrived over TLS, whatever a proxy header says. */
    private static final String TLS_CIPHER_SUITE = "jakarta.servlet.request.cipher_suite";

    private ThisDeployment() {}

    /**
     * {@code path} in this deployment, reached on the address and port the request came in on, over TLS only
     * if the connection itself was TLS. Nothing the client wrote is used: not the Host header (a client could
     * point it anywhere), not the request's spelling of the context path.
     */
    public static URI uri(HttpServletRequest request, String path) {
        String scheme = request.getAttribute(TLS_CIPHER_SUITE) != null ? "https" : "http";
        try {
            return new URI(
                    scheme,
                    null,
                    request.getLocalAddr(),
                    request.getLocalPort(),
                    request.getServletContext().getContextPath() + path,
                    null,
                    null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the servlet container reported an unusable local address", e);
        }
    }
}
