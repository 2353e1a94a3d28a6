package org.geochat.demo;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.geochat.core.Problem;
import org.geochat.core.ThisDeployment;
import org.glassfish.jersey.client.ClientProperties;

/**
 * Fires many requests at one demo style of this deployment at once and times each one, for the demo page.
 * A browser opens at most six HTTP/1.1 connections per host, so a burst fired from the page would measure
 * the browser's queue, not the server; here the non-blocking client sends them all at once, holding no thread
 * per request. One burst runs at a time per deployment, so the page cannot be turned into a load amplifier.
 */
public final class Burst {

    static final List<String> STYLES = List.of("slow", "blocking", "callback", "coroutine", "executor", "parallel");
    static final int MAX_CONCURRENCY = 500;

    private final Client client;
    private final Duration grace;
    private final AtomicBoolean running = new AtomicBoolean();

    public Burst(Client client, Duration grace) {
        this.client = client;
        this.grace = grace;
    }

    /**
     * How long each request of a burst may take: its own deadline (see {@link Lessons#deadline}) and more,
     * so the styles' own 504s arrive before the burst gives up on them.
     */
    Duration deadline(long ms) {
        return Duration.ofMillis(ms).plus(grace.multipliedBy(2)).plusSeconds(2);
    }

    CompletionStage<BurstReport> run(HttpServletRequest request, String style, long ms, int n, int concurrency) {
        if (!running.compareAndSet(false, true)) {
            return CompletableFuture.failedFuture(Problem.of(429, "burst-busy", "A burst is already running",
                    "This deployment runs one burst at a time; try again when it ends.").withRetryAfter(2).toException());
        }
        try {
            WebTarget target = client.target(ThisDeployment.uri(request, "/api/demo/" + style)).queryParam("ms", ms);
            WebTarget styleTarget = "parallel".equals(style) ? target.queryParam("n", n) : target;
            long started = System.nanoTime();
            List<CompletionStage<BurstReport.Timing>> timings = IntStream.range(0, concurrency)
                    .mapToObj(i -> time(styleTarget, started, deadline(ms))).toList();
            return Gather.list(timings)
                    .thenApply(all -> new BurstReport(style, ms, concurrency, millisSince(started), all))
                    .whenComplete((report, failure) -> running.set(false));
        } catch (RuntimeException e) {
            running.set(false);
            throw e;
        }
    }

    private CompletionStage<BurstReport.Timing> time(WebTarget target, long burstStart, Duration deadline) {
        long sent = millisSince(burstStart);
        return target.request(MediaType.APPLICATION_JSON_TYPE)
                .property(ClientProperties.READ_TIMEOUT, (int) deadline.toMillis())
                .rx().get()
                .handle((response, failure) -> {
                    long latency = millisSince(burstStart) - sent;
                    if (failure != null) {
                        return new BurstReport.Timing(sent, latency, 0, "no-answer", null, null);
                    }
                    return timing(response, sent, latency);
                });
    }

    private static BurstReport.Timing timing(Response response, long sent, long latency) {
        try (response) {
            if (response.getStatus() == 200) {
                DemoAnswer answer = response.readEntity(DemoAnswer.class);
                return new BurstReport.Timing(sent, latency, 200, null, answer.receivedOn(), answer.resumedOn());
            }
            Problem problem = response.readEntity(Problem.class);
            return new BurstReport.Timing(sent, latency, response.getStatus(), problem.code(), null, null);
        } catch (ProcessingException e) {
            return new BurstReport.Timing(sent, latency, response.getStatus(), "unreadable-answer", null, null);
        }
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }
}
