package org.geochat;

import static org.geochat.testing.ProblemAssertions.assertNoInternals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.MalformedURLException;
import java.net.URL;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.geochat.testing.Deployments;
import org.geochat.testing.RawHttp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Requests a container refuses before geochat sees them (a URL or header no parser should take) are answered with
 * the status and nothing more: no exception, no stack frames, no server version, never a 5xx. (Each container
 * refuses its own set: Payara takes a {@code Host} of {@code a b}, which geochat then answers.) On Tomcat this is the Tomcat
 * {@code mvn package cargo:run} configures (its error report valve), which the build starts for this test
 * ({@code it.cargo.url}); on Payara it is Payara Micro as {@code payara-micro:start} runs it, with its defaults.
 */
@ExtendWith(ArquillianExtension.class)
class ContainerRefusalsIT {

    @Deployment(testable = false)
    static WebArchive geochat() {
        return Deployments.geochat("refusals", Map.of());
    }

    @ArquillianResource
    private URL deployed;

    /** The container as users run it: Cargo's Tomcat when the build started one, else the deployment's own container. */
    private URL base() throws MalformedURLException {
        String cargo = System.getProperty("it.cargo.url");
        return cargo == null || cargo.isBlank() ? deployed : new URL(cargo);
    }

    @Test
    void aRefusedRequestShowsItsStatusAndNothingInternal() throws MalformedURLException {
        String headers = IntStream.range(0, 101).mapToObj(i -> "X-Header-" + i + ": v").collect(Collectors.joining("\r\n"));
        Map<String, String> requests = Map.of(
                "a URL with characters no URL may hold", "GET {path}api/ip/{} HTTP/1.1\r\nHost: localhost",
                "a Host header that is no host", "GET {path}api/health HTTP/1.1\r\nHost: a b",
                "a 16 KB header", "GET {path}api/health HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(16 * 1024),
                "101 headers", "GET {path}api/health HTTP/1.1\r\nHost: localhost\r\n" + headers,
                "an encoded NUL", "GET {path}api/ip/%00 HTTP/1.1\r\nHost: localhost",
                "an encoded slash", "GET {path}api/ip/..%2F..%2Fetc HTTP/1.1\r\nHost: localhost",
                "escapes that are not UTF-8", "GET {path}api/ip/%FF%FE HTTP/1.1\r\nHost: localhost",
                "TRACE", "TRACE {path}api/health HTTP/1.1\r\nHost: localhost",
                "a method that is no method", "GET\u0001 {path}api/health HTTP/1.1\r\nHost: localhost");
        for (Map.Entry<String, String> request : requests.entrySet()) {
            RawHttp.Answer answer = RawHttp.exchange(base(), request.getValue());
            String what = request.getKey() + " -> " + answer.status();
            assertTrue(answer.status() < 500, what + "\n" + answer.head() + answer.body()); // Payara takes "Host: a b"
            assertNoInternals(what, answer.body());
            assertFalse(answer.body().matches("(?s).*(Tomcat|Payara|Grizzly|GlassFish)[/ ]+\\d.*"), what + " shows the server's version: " + answer.body());
            assertFalse(answer.head().matches("(?s).*\r\n(server|x-powered-by):[^\r]*\\d.*"), what + " names the server's version: " + answer.head());
        }
    }
}
