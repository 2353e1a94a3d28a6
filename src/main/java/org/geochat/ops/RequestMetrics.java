package org.geochat.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.time.Duration;
import org.geochat.core.Problem;

/**
 * Times every API request by route and outcome ({@code geochat_http_requests_seconds}: the problem's
 * {@code code}, or {@code ok}) and counts the answers resumed on another thread than the one that received the
 * request ({@code geochat_async_resumes_total}, by route: one per demo style). Response filters run on the
 * thread that resumes, which is what tells the two apart.
 */
public final class RequestMetrics implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String STARTED = RequestMetrics.class.getName() + ".started";
    private static final String RECEIVER = RequestMetrics.class.getName() + ".receiver";
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2500),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10)
    };

    private final MeterRegistry registry;

    @Context
    private ResourceInfo resource;

    public RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
        request.setProperty(RECEIVER, Thread.currentThread());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(STARTED) instanceof Long started)) {
            return; // refused before the request filter ran
        }
        String route = route();
        Timer.builder("geochat.http.requests")
                .description("API requests by route and outcome")
                .tags("route", route, "outcome", outcome(response), "status", Integer.toString(response.getStatus()))
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(Duration.ofNanos(System.nanoTime() - started));
        if (request.getProperty(RECEIVER) != Thread.currentThread()) {
            Counter.builder("geochat.async.resumes")
                    .description("API answers resumed on another thread than the receiving one")
                    .tag("route", route)
                    .register(registry)
                    .increment();
        }
    }

    /** The matched resource's path template, e.g. {@code /ip/{ip}}; bounded, unlike the request's own path. */
    private String route() {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return "unmatched";
        }
        return "/" + path(resource.getResourceClass())
                + (method.isAnnotationPresent(Path.class) ? "/" + path(method) : "");
    }

    private static String path(AnnotatedElement element) {
        Path path = element.getAnnotation(Path.class);
        return path == null ? "" : path.value().replaceAll("^/+|/+$", "");
    }

    private static String outcome(ContainerResponseContext response) {
        if (response.getEntity() instanceof Problem problem) {
            return problem.code();
        }
        return response.getStatus() < 400 ? "ok" : "http-" + response.getStatus();
    }
}
