package org.geochat.ops;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.geochat.core.Problem;
import org.geochat.core.ProblemResponses;
import org.geochat.net.InvalidIpException;
import org.geochat.net.IpAddress;
import org.geochat.net.IpRange;

/**
 * {@code GET /metrics}: the Prometheus scrape, for callers in {@code GEOCHAT_METRICS_ALLOW} only (loopback by
 * default). The caller is found by the lookup API's rules, so behind a trusted proxy it is the forwarded
 * address, never the proxy's own loopback one.
 */
public final class MetricsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Metrics metrics;
    private final transient Function<HttpServletRequest, String> caller;

    public MetricsServlet(Metrics metrics, Function<HttpServletRequest, String> caller) {
        this.metrics = metrics;
        this.caller = caller;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!allowed(caller.apply(request))) {
            ProblemResponses.write(
                    response,
                    Problem.of(
                            403,
                            "metrics-forbidden",
                            "Metrics not available to you",
                            "Your address is not in GEOCHAT_METRICS_ALLOW."));
            return;
        }
        byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
        response.setContentType(Metrics.CONTENT_TYPE);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private boolean allowed(String address) {
        try {
            return IpRange.anyContains(metrics.allowed(), IpAddress.parse(address));
        } catch (InvalidIpException e) { // a malformed forwarded header
            return false;
        }
    }
}
