package org.geochat.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.geochat.core.Problem;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.server.model.ResourceMethod;

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
    /** Made once per route, outcome and status, then looked up: building and registering a meter sorts its tags. */
    private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

    private final Map<String, Counter> resumes = new ConcurrentHashMap<>();
    /** Each resource method's route, made once. */
    private final Map<Method, String> routes = new ConcurrentHashMap<>();

    private record Key(String route, String outcome, int status) {}

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
        String route = route(request);
        timers.computeIfAbsent(new Key(route, outcome(response), response.getStatus()), this::timer)
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        if (request.getProperty(RECEIVER) != Thread.currentThread()) {
            resumes.computeIfAbsent(route, this::resumes).increment();
        }
    }

    private Timer timer(Key key) {
        return Timer.builder("geochat.http.requests")
                .description("API requests by route and outcome")
                .tags("route", key.route(), "outcome", key.outcome(), "status", Integer.toString(key.status()))
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    private Counter resumes(String route) {
        return Counter.builder("geochat.async.resumes")
                .description("API answers resumed on another thread than the receiving one")
                .tag("route", route)
                .register(registry);
    }

    /**
     * The matched resource method's path template, e.g. {@code /ip/{ip}}; bounded, unlike the request's own path.
     * Read from the request's own routing state (Jersey's): an injected {@code ResourceInfo} is a proxy looked up
     * in the request scope on every call.
     */
    private String route(ContainerRequestContext request) {
        ResourceMethod matched =
                request.getUriInfo() instanceof ExtendedUriInfo info ? info.getMatchedResourceMethod() : null;
        if (matched == null) {
            return "unmatched";
        }
        Method method = matched.getInvocable().getDefinitionMethod();
        return routes.computeIfAbsent(
                method,
                m -> "/" + path(m.getDeclaringClass()) + (m.isAnnotationPresent(Path.class) ? "/" + path(m) : ""));
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
