package org.geochat.core;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The error page of the whole application ({@code WEB-INF/web.xml}): every error the container or a library
 * answers with {@code sendError} instead of an answer of geochat's own (a request body the container could not
 * read, a header Jersey could not parse, a method a servlet lacks, TRACE) becomes problem+json with a stable
 * {@code code}, never the container's HTML report with its exception and stack frames. Asked for directly, it
 * is not there (404).
 */
@WebServlet(ErrorPage.PATH)
public final class ErrorPage extends HttpServlet {

    static final String PATH = "/error";

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ErrorPage.class.getName());

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getDispatcherType() != DispatcherType.ERROR) {
            ProblemResponses.write(response, HttpErrorMapper.problemFor(404, null));
            return;
        }
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 500;
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (status >= 500 && failure != null) {
            ProblemResponses.write(response, UnexpectedErrorMapper.incident(failure));
            return;
        }
        if (failure != null) { // a request the container could not read, such as a malformed chunked body
            LOG.log(Level.FINE, "refused a request: " + failure.getClass().getName());
        }
        ProblemResponses.write(response, HttpErrorMapper.problemFor(status < 400 ? 500 : status, null));
    }
}
