package org.geochat.core;

import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** What a failed call to an upstream means to our caller: a problem with a stable code, never a stack trace. */
public final class UpstreamFailure {

    private static final Logger LOG = Logger.getLogger(UpstreamFailure.class.getName());
    /** The problem codes that mean the upstream itself failed (as opposed to answering "no location"). */
    public static final Set<String> CODES = Set.of("upstream-timeout", "upstream-error", "upstream-busy");

    private UpstreamFailure() {}

    /** 504 when the upstream (or our deadline) ran out of time, 502 for everything else; problems pass through. */
    public static ProblemException translate(Throwable failure, Duration timeout) {
        Throwable cause = AsyncBridge.unwrap(failure);
        if (cause instanceof ProblemException problem) {
            return problem;
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof HttpTimeoutException || t instanceof TimeoutException) {
                return timedOut(timeout);
            }
            if (t instanceof ConnectException) {
                return error("The upstream refused the connection.");
            }
            if (t instanceof NonBlockingConnector.BodyTooLargeException) {
                return error("The upstream's answer is too large.");
            }
        }
        LOG.log(Level.FINE, "upstream call failed", cause);
        return error("The call to the upstream failed.");
    }

    public static ProblemException timedOut(Duration timeout) {
        return Problem.upstreamTimeout("The upstream did not answer within " + timeout.toMillis() + " ms.")
                .toException();
    }

    public static ProblemException error(String detail) {
        return Problem.of(502, "upstream-error", "The upstream service failed", detail)
                .toException();
    }
}
