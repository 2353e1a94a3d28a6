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
        String code = switch (status.getStatusCode()) {
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 415 -> "unsupported-media-type";
            default -> status.getReasonPhrase().toLowerCase(Locale.ROOT).replace(' ', '-');
        };
        Problem problem = Problem.of(status.getStatusCode(), code, status.getReasonPhrase(), detail(status.getStatusCode()));
        Response.ResponseBuilder response = Response.fromResponse(original).type(Problem.MEDIA_TYPE).entity(problem);
        return response.build();
    }

    private static String detail(int status) {
        return switch (status) {
            case 404 -> "There is no resource at this path; see the API table in README.md.";
            case 405 -> "This resource does not support that HTTP method; the Allow header lists the ones it does.";
            case 406 -> "This resource answers application/json only.";
            case 415 -> "Send the body as application/json.";
            default -> "The request could not be processed.";
        };
    }
}
