package org.geochat.core;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the rest of a refused request's body. An error is often answered before the body is read to its end (a
 * batch too large, JSON nested too deep, a wrong content type). Tomcat discards the rest itself; Payara does not
 * over HTTP/2 (which the JDK's HttpClient negotiates with it by default): the unread bytes are never given back to
 * the connection's flow-control window, and after a few such answers every later request on that connection
 * waits forever. Past {@link #MAX_DISCARDED} bytes the rest is left to the container: no client that means well
 * sends that much, and reading without end would only prolong an attack.
 */
public final class RefusedBodyFilter implements ContainerResponseFilter {

    /** Ten times the largest body geochat accepts (a full batch): enough for any client that meant well. */
    private static final int MAX_DISCARDED = 1 << 20;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() >= 400 && hasBody(request)) {
            discardRest(request.getEntityStream());
        }
    }

    /**
     * Whether the request may have a body: a length above zero, or none at all. A body of unknown length has no
     * {@code Transfer-Encoding} over HTTP/2 (which has no chunked encoding), so that header cannot tell; reading a
     * request that has no body ends at once.
     */
    private static boolean hasBody(ContainerRequestContext request) {
        return request.getLength() != 0;
    }

    private static void discardRest(InputStream body) {
        byte[] buffer = new byte[8192];
        try {
            for (long discarded = 0; discarded <= MAX_DISCARDED; ) {
                int read = body.read(buffer);
                if (read < 0) {
                    return;
                }
                discarded += read;
            }
        } catch (IOException e) {
            // the client went away, or the stream was closed: nothing is left to give back
        }
    }
}
