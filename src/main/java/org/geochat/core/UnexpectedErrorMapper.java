package org.geochat.core;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last resort: a bug must still answer problem+json, never a stack trace. The log gets the stack trace
 * under an incident id that the answer quotes, so the two can be matched.
 */
@Provider
public final class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class.getName());

    @Override
    public Response toResponse(Throwable exception) {
        return ProblemMapper.toResponse(incident(exception));
    }

    /** Logs {@code exception} with its stack trace under a new incident id, and returns the 500 problem quoting it. */
    static Problem incident(Throwable exception) {
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected error, incident " + incident, exception);
        return Problem.internalError("Something went wrong on our side (incident " + incident + ").");
    }
}
