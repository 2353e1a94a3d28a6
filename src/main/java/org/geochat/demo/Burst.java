package org.geochat.demo;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.geochat.core.Problem;
import org.geochat.core.UpstreamFailure;
import org.glassfish.jersey.client.ClientProperties;

/**
 * Fires many requests at one demo style of this deployment at once and times each one, for the demo page.
 * A browser opens at most six HTTP/1.1 connections per host, so a burst fired from the page would measure
 * the browser's queue, not the server; here the non-blocking client sends them all at once, holding no thread
 * per request. One burst runs at a time per deployment; the upstream calls its requests make count against
 * the demo's cap on calls in flight like any others.
 */
final class Burst {

    static final List<String> STYLES = List.of("slow", "blocking", "callback", "coroutine", "executor", "parallel");
    static final int MAX_CONCURRENCY = 500;

    private final Client client;
    private final Lessons lessons;
    private final AtomicBoolean running = new AtomicBoolean();

    public Burst(Client client, Lessons lessons) {
        this.client = client;
        this.lessons = lessons;
    }

    /** How long each request of a burst may take: a second more than the style's own deadline, so its 504 arrives first. */
    Duration requestDeadline(long ms) {
        return lessons.deadline(ms).plusSeconds(1);
    }

    /** How long the whole burst may take: a second more than its requests. */
    Duration deadline(long ms) {
        return requestDeadline(ms).plusSeconds(1);
    }

    /** @param style the URI of the style's endpoint in this deployment, with its query */
    CompletionStage<BurstReport> run(String name, URI style, long ms, int concurrency) {
        if (!running.compareAndSet(false, true)) {
            return CompletableFuture.failedFuture(Problem.of(
                            429,
                            "burst-busy",
                            "A burst is already running",
                            "This deployment runs one burst at a time; try again when it ends.")
                    .withRetryAfter(2)
                    .toException());
        }
        try {
            WebTarget target = client.target(style);
            long started = System.nanoTime();
            List<CompletionStage<BurstReport.Timing>> timings = IntStream.range(0, concurrency)
                    .mapToObj(i -> time(target, started, requestDeadline(ms)))
                    .toList();
            return Gather.list(timings)
                    .thenApply(all -> new BurstReport(name, ms, concurrency, millisSince(started), all))
                    .whenComplete((report, failure) -> running.set(false));
        } catch (RuntimeException e) {
            running.set(false);
            throw e;
        }
    }

    /** Never fails: whatever happens to the request is its timing's status and code. */
    private static CompletionStage<BurstReport.Timing> time(WebTarget target, long burstStart, Duration deadline) {
        long sent = millisSince(burstStart);
        return target.request(MediaType.APPLICATION_JSON_TYPE)
                .property(ClientProperties.READ_TIMEOUT, (int) deadline.toMillis())
                .rx()
                .get()
                .handle((response, failure) -> {
                    long latency = millisSince(burstStart) - sent;
                    if (failure != null) {
                        String code = UpstreamFailure.translate(failure, deadline)
                                .problem()
                                .code();
                        return new BurstReport.Timing(sent, latency, 0, code, null, null);
                    }
                    return timing(response, sent, latency);
                });
    }

    private static BurstReport.Timing timing(Response response, long sent, long latency) {
        try (response) {
            int status = response.getStatus();
            if (status == 200) {
                DemoAnswer answer = response.readEntity(DemoAnswer.class);
                return new BurstReport.Timing(sent, latency, status, null, answer.receivedOn(), answer.resumedOn());
            }
            Problem problem = response.readEntity(Problem.class);
            return new BurstReport.Timing(sent, latency, status, problem.code(), null, null);
        } catch (RuntimeException e) { // an empty or unreadable body
            return new BurstReport.Timing(sent, latency, response.getStatus(), "unreadable-answer", null, null);
        }
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }
}
