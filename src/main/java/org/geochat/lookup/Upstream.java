package org.geochat.lookup;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.geochat.core.AsyncBridge;
import org.geochat.core.AsyncRuntime;
import org.geochat.core.JsonInput;
import org.geochat.core.Problem;
import org.geochat.core.ProblemException;
import org.geochat.core.UpstreamFailure;
import org.geochat.net.IpAddress;

/**
 * The configured ip-api-compatible service behind the gateway ({@code GET {base}/json/{ip}}), called with the async
 * JAX-RS client. Every call ends within the upstream timeout, and every failure ends as a
 * {@link ProblemException}: 504 timeout, 503 rate-limited, 502 anything else the upstream got wrong.
 */
final class Upstream {

    private static final int DEFAULT_RETRY_AFTER = 30;

    private final URI base;
    /** {@code {base}/json}. */
    private final WebTarget target;

    private final Duration timeout;
    private final AsyncRuntime runtime;
    private final MeterRegistry registry;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** One timer per outcome, made once: building and registering a meter on every call sorted its tags each time. */
    private final Map<String, Timer> calls = new ConcurrentHashMap<>();

    private volatile Reachability reachability = new Reachability(null, null, null);

    public Upstream(Client client, URI base, Duration timeout, AsyncRuntime runtime, MeterRegistry registry) {
        this.base = base;
        this.target = client.target(base).path("json");
        this.timeout = timeout;
        this.runtime = runtime;
        this.registry = registry;
        Gauge.builder("geochat.upstream.calls.in.flight", inFlight, AtomicInteger::get)
                .description("lookup upstream calls waiting for an answer")
                .register(registry);
    }

    URI base() {
        return base;
    }

    public Reachability reachability() {
        return reachability;
    }

    public CompletableFuture<Location> locate(IpAddress ip) {
        long started = System.nanoTime();
        inFlight.incrementAndGet();
        return call(ip).whenComplete((location, failure) -> {
            inFlight.decrementAndGet();
            String outcome = outcome(failure);
            calls.computeIfAbsent(outcome, this::timer).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            Instant now = Instant.now();
            Reachability last = reachability;
            reachability = UpstreamFailure.CODES.contains(outcome)
                    ? new Reachability(last.lastSuccess(), now, outcome)
                    : new Reachability(now, last.lastFailure(), last.lastError());
        });
    }

    private Timer timer(String outcome) {
        return Timer.builder("geochat.upstream.calls")
                .description("lookup upstream calls by outcome")
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(timeout)
                .register(registry);
    }

    /** {@code ok}, or the problem code the call failed with (an answer saying "no location" is a problem too). */
    private static String outcome(Throwable failure) {
        if (failure == null) {
            return "ok";
        }
        return AsyncBridge.unwrap(failure) instanceof ProblemException problem
                ? problem.problem().code()
                : "upstream-error";
    }

    private CompletableFuture<Location> call(IpAddress ip) {
        CompletableFuture<Location> call = target.path(ip.toString())
                .request(MediaType.APPLICATION_JSON_TYPE)
                .rx()
                .get()
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw translate(failure);
                    }
                    return read(response, ip);
                })
                .toCompletableFuture();
        return runtime.deadline(call, timeout, this::timedOut);
    }

    private Location read(Response response, IpAddress ip) {
        try (response) {
            int status = response.getStatus();
            if (status == 429) {
                throw LookupProblems.upstreamBusy(retryAfter(response)).toException();
            }
            if (status != 200) {
                throw UpstreamFailure.error("The upstream answered HTTP " + status + ".");
            }
            IpApiAnswer answer = JsonInput.body(response)
                    .flatMap(IpApiAnswer::from)
                    .orElseThrow(() -> UpstreamFailure.error("The upstream's answer is not ip-api JSON."));
            return toLocation(answer, base, ip);
        }
    }

    static Location toLocation(IpApiAnswer answer, URI base, IpAddress ip) {
        if (!answer.succeeded()) {
            String message = answer.message() == null ? "" : answer.message();
            Problem problem = switch (message) {
                case "private range", "reserved range" ->
                    LookupProblems.reservedRange(
                            ip + " is in a " + message + " according to the upstream; it has no geographic location.");
                case "invalid query" ->
                    LookupProblems.invalidIp("The upstream rejected " + ip + " as an invalid query.");
                default ->
                    LookupProblems.unknownLocation(
                            ip.toString(),
                            message.isEmpty()
                                    ? "the upstream has no location for it."
                                    : "the upstream says '" + message + "'.");
            };
            throw problem.toException();
        }
        return new Location(
                ip.toString(),
                orNull(answer.countryCode()),
                orNull(answer.country()),
                orNull(answer.regionName()),
                orNull(answer.city()),
                answer.lat(),
                answer.lon(),
                answer.source() != null ? answer.source() : base.getHost(),
                answer.attribution());
    }

    private ProblemException translate(Throwable failure) {
        return UpstreamFailure.translate(failure, timeout);
    }

    private ProblemException timedOut() {
        return UpstreamFailure.timedOut(timeout);
    }

    /** Seconds to wait, from {@code Retry-After} or ip-api's {@code X-Ttl}, kept between 1 s and an hour. */
    private static int retryAfter(Response response) {
        for (String header : List.of("Retry-After", "X-Ttl")) {
            String value = response.getHeaderString(header);
            if (value != null && value.strip().matches("\\d{1,9}")) {
                return Math.max(1, Math.min(3600, Integer.parseInt(value.strip())));
            }
        }
        return DEFAULT_RETRY_AFTER;
    }

    private static String orNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
