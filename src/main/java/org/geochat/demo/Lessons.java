package org.geochat.demo;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.InvocationCallback;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.geochat.core.AsyncRuntime;
import org.geochat.core.JsonInput;
import org.geochat.core.Problem;
import org.geochat.core.ThisDeployment;
import org.geochat.core.UpstreamFailure;
import org.glassfish.jersey.client.ClientProperties;

/**
 * The tutorial's handler written in each style, all calling the same slow upstream ({@code GET {url}?ms=N},
 * answering a {@link DemoAnswer}). Each call may take its delay plus {@code grace}, the whole exchange
 * included, and then fails with 504 {@code upstream-timeout}, the synchronous ones too. At most
 * {@code maxCalls} upstream calls are in flight at once over all styles; beyond that a request is 503
 * {@code demo-busy} at once, so the demo cannot be used to flood the server or the upstream.
 *
 * <p>Longer than most classes here on purpose: the styles side by side, in one file, are the lesson.
 */
final class Lessons {

    static final int MAX_PARALLEL = 100;
    static final String SLOW_PATH = "/api/demo/slow";

    private final Client client;
    private final Optional<URI> configured;
    private final Duration grace;
    private final AsyncRuntime runtime;
    private final ExecutorService blockingPool;
    private final Semaphore calls;
    private final int maxCalls;

    /** @param blockingPool the bounded executor the executor style pushes its blocking call onto */
    public Lessons(
            Client client,
            Optional<URI> configured,
            Duration grace,
            AsyncRuntime runtime,
            ExecutorService blockingPool,
            int maxCalls) {
        this.client = client;
        this.configured = configured;
        this.grace = grace;
        this.runtime = runtime;
        this.blockingPool = blockingPool;
        this.calls = new Semaphore(maxCalls);
        this.maxCalls = maxCalls;
    }

    /** Publishes the demo's upstream calls in flight ({@code GEOCHAT_DEMO_MAX_CALLS} minus the free permits). */
    public void monitor(MeterRegistry registry) {
        Gauge.builder("geochat.demo.calls.in.flight", calls, free -> maxCalls - free.availablePermits())
                .description("demo upstream calls in flight")
                .register(registry);
    }

    /** The configured slow upstream, or else this deployment's own {@code /api/demo/slow}. */
    URI upstreamFor(HttpServletRequest request) {
        return configured.orElseGet(() -> ThisDeployment.uri(request, SLOW_PATH));
    }

    /** How long a suspended demo request of {@code ms} may wait in all: its calls' budgets, and a second behind them. */
    Duration deadline(long ms) {
        return budget(ms).plus(grace).plusSeconds(1);
    }

    /** The slow upstream itself: answers after the delay, holding no thread while it waits. */
    CompletionStage<DemoAnswer> slow(DemoRequest request) {
        return runtime.after(request.delay(), () -> request.answer("slow", 0));
    }

    /** aiohttp's {@code /hello/{name}}: {@code await asyncio.sleep(...)}, then the greeting. */
    CompletionStage<Greeting> hello(String name, DemoRequest request) {
        return runtime.after(
                request.delay(),
                () -> new Greeting(
                        "hello, " + name + "!",
                        request.ms(),
                        request.receivedOn(),
                        Thread.currentThread().getName()));
    }

    /** The tutorial's synchronous handler: the request thread waits for the whole call. */
    DemoAnswer blocking(URI upstream, DemoRequest request) {
        if (!calls.tryAcquire()) {
            throw busy();
        }
        try {
            fetchBlocking(upstream, request.ms());
        } finally {
            calls.release();
        }
        return request.answer("blocking", 1);
    }

    /** Tornado's {@code fetch(url, callback=...)}: the callback completes the answer when the upstream's arrives. */
    CompletionStage<DemoAnswer> callback(URI upstream, DemoRequest request) {
        return limited(1, () -> {
            CompletableFuture<DemoAnswer> answered = new CompletableFuture<>();
            call(upstream, request.ms()).async().get(new InvocationCallback<Response>() {
                @Override
                public void completed(Response response) {
                    try {
                        read(response);
                        answered.complete(request.answer("callback", 1));
                    } catch (RuntimeException e) {
                        answered.completeExceptionally(e);
                    }
                }

                @Override
                public void failed(Throwable failure) {
                    answered.completeExceptionally(UpstreamFailure.translate(failure, budget(request.ms())));
                }
            });
            return withinBudget(answered, request.ms());
        });
    }

    /**
     * {@code @gen.coroutine} / {@code await}: two dependent calls in sequence, the second asking for whatever
     * part of the delay the first one says it did not serve, with no thread waiting between them.
     */
    CompletionStage<DemoAnswer> coroutine(URI upstream, DemoRequest request) {
        return limited(
                1,
                () -> fetch(upstream, request.ms() / 2)
                        .thenCompose(first ->
                                fetch(upstream, request.ms() - Math.max(0, Math.min(request.ms(), first.ms()))))
                        .thenApply(second -> request.answer("coroutine", 2)));
    }

    /**
     * {@code @run_on_executor}: the blocking call runs on a bounded pool; the request thread is released. A task
     * that waited in the pool's queue past its request's deadline (the request has had its 504) is skipped.
     */
    CompletionStage<DemoAnswer> executor(URI upstream, DemoRequest request) {
        try {
            return CompletableFuture.supplyAsync(
                    () -> {
                        if (request.elapsedMillis() >= deadline(request.ms()).toMillis()) {
                            throw UpstreamFailure.timedOut(deadline(request.ms()));
                        }
                        blocking(upstream, request);
                        return request.answer("executor", 1);
                    },
                    blockingPool);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(Problem.of(
                            503,
                            "executor-busy",
                            "The blocking pool is full",
                            "Every thread and queue slot of the executor style's pool is taken; try again.")
                    .withRetryAfter(1)
                    .toException());
        }
    }

    /** {@code yield [...]} ({@code shape=list}) or {@code yield dict(...)} ({@code shape=map}): n calls at once. */
    CompletionStage<DemoAnswer> parallel(URI upstream, DemoRequest request, int n, String shape) {
        return limited(n, () -> {
            List<CompletionStage<DemoAnswer>> started = IntStream.range(0, n)
                    .mapToObj(i -> fetch(upstream, request.ms()))
                    .toList();
            if ("map".equals(shape)) {
                Map<String, CompletionStage<DemoAnswer>> named = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    named.put("call" + (i + 1), started.get(i));
                }
                return Gather.map(named).thenApply(results -> request.answer("parallel", n, n, shape, results));
            }
            return Gather.list(started).thenApply(results -> request.answer("parallel", n, n, shape, results));
        });
    }

    /** Runs {@code style} holding {@code count} of the in-flight permits until its stage completes. */
    private <T> CompletionStage<T> limited(int count, Supplier<CompletionStage<T>> style) {
        if (!calls.tryAcquire(count)) {
            return CompletableFuture.failedFuture(busy());
        }
        try {
            return style.get().whenComplete((value, failure) -> calls.release(count));
        } catch (RuntimeException e) {
            calls.release(count);
            throw e;
        }
    }

    /** One asynchronous call through {@code rx()}. */
    private CompletionStage<DemoAnswer> fetch(URI upstream, long ms) {
        CompletableFuture<DemoAnswer> answer = call(upstream, ms)
                .rx()
                .get()
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw UpstreamFailure.translate(failure, budget(ms));
                    }
                    return read(response);
                })
                .toCompletableFuture();
        return withinBudget(answer, ms);
    }

    /** One synchronous call: a blocking library, as far as the calling thread can tell. */
    private void fetchBlocking(URI upstream, long ms) {
        Response response;
        try {
            response = call(upstream, ms).get();
        } catch (ProcessingException e) {
            throw UpstreamFailure.translate(e, budget(ms));
        }
        read(response);
    }

    /** The upstream's answer, or a 502 problem saying what was wrong with it. */
    private static DemoAnswer read(Response response) {
        try (response) {
            if (response.getStatus() != 200) {
                throw UpstreamFailure.error("The upstream answered HTTP " + response.getStatus() + ".");
            }
            return JsonInput.body(response)
                    .flatMap(DemoAnswer::from)
                    .orElseThrow(() -> UpstreamFailure.error("The upstream's answer is not a demo answer."));
        }
    }

    /**
     * The read timeout covers an asynchronous call only until the upstream's headers arrive; this deadline
     * covers the whole exchange, so an upstream that stalls in the middle of its body is a 504 too.
     */
    private <T> CompletableFuture<T> withinBudget(CompletableFuture<T> call, long ms) {
        return runtime.deadline(call, budget(ms), () -> UpstreamFailure.timedOut(budget(ms)));
    }

    private Invocation.Builder call(URI upstream, long ms) {
        return client.target(upstream)
                .queryParam("ms", ms)
                .request(MediaType.APPLICATION_JSON_TYPE)
                .property(ClientProperties.READ_TIMEOUT, (int) budget(ms).toMillis());
    }

    private Duration budget(long ms) {
        return Duration.ofMillis(ms).plus(grace);
    }

    private static RuntimeException busy() {
        return Problem.of(
                        503,
                        "demo-busy",
                        "Too many demo calls in flight",
                        "The demo has as many upstream calls in flight as GEOCHAT_DEMO_MAX_CALLS allows; try again.")
                .withRetryAfter(1)
                .toException();
    }
}
