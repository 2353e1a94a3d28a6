package org.geochat.core;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * An RFC 9457 problem detail, the body of every error answer ({@code application/problem+json}).
 * {@code code} is the stable, machine-readable name of the error; {@code type} is derived from it.
 * {@code retryAfter} (seconds) is also sent as the {@code Retry-After} header.
 */
@JsonbPropertyOrder({"type", "title", "status", "detail", "code", "retryAfter"})
public record Problem(String type, String title, int status, String detail, String code, Integer retryAfter) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String code, String title, String detail) {
        return new Problem("urn:geochat:problem:" + code, title, status, detail, code, null);
    }

    public static Problem upstreamTimeout(String detail) {
        return of(504, "upstream-timeout", "The upstream service did not answer in time", detail);
    }

    public static Problem internalError(String detail) {
        return of(500, "internal-error", "Internal error", detail);
    }

    public Problem withRetryAfter(int seconds) {
        return new Problem(type, title, status, detail, code, seconds);
    }

    public ProblemException toException() {
        return new ProblemException(this);
    }
}
