package org.geochat.core;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;

/**
 * Turns the JAX-RS runtime's own errors (no such resource, wrong method, wrong media type...) into
 * problem+json, keeping their headers (such as {@code Allow}).
 */
@Provider
public final class HttpErrorMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        Response.StatusType status = original.getStatusInfo();
        return Response.fromResponse(original)
                .type(Problem.MEDIA_TYPE)
                .entity(problemFor(status.getStatusCode(), status.getReasonPhrase()))
                .build();
    }

    /** The problem that stands for a bare HTTP error status; {@code reasonPhrase} null for the standard one. */
    static Problem problemFor(int status, String reasonPhrase) {
        Response.Status known = Response.Status.fromStatusCode(status);
        String reason = reasonPhrase != null && !reasonPhrase.isBlank()
                ? reasonPhrase
                : known != null ? known.getReasonPhrase() : "Error";
        String code = switch (status) {
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 415 -> "unsupported-media-type";
            default -> reason.toLowerCase(Locale.ROOT).replace(' ', '-');
        };
        return Problem.of(status, code, reason, detail(status));
    }

    private static String detail(int status) {
        return switch (status) {
            case 404 -> "There is no resource at this path; see the API table in README.md.";
            case 405 -> "This resource does not support that HTTP method; the Allow header lists the ones it does.";
            case 406 -> "This resource answers application/json only.";
            case 415 -> "Send the body as application/json.";
            case 400 ->
                "The request is malformed (a header such as Accept or Content-Type, or the body, could not be read).";
            default -> "The request could not be processed.";
        };
    }
}
