package org.geochat.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The threads geochat owns: a small fixed pool for short non-blocking tasks (the JAX-RS client's dispatch,
 * cache maintenance) and one timer for deadlines. Nothing here ever waits on the network. Both are shut down
 * on undeploy; {@code CompletableFuture.orTimeout} is not used because its JDK-wide timer thread would
 * outlive the application.
 */
public final class AsyncRuntime implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AsyncRuntime.class.getName());

    private final ThreadPoolExecutor workers;
    private final ScheduledThreadPoolExecutor timer;

    public AsyncRuntime() {
        int size = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        workers = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), named("geochat-worker-"));
        workers.allowCoreThreadTimeOut(true);
        timer = new ScheduledThreadPoolExecutor(1, named("geochat-timer-"));
        timer.setRemoveOnCancelPolicy(true);
    }

    public ExecutorService workers() {
        return workers;
    }

    public ScheduledExecutorService timer() {
        return timer;
    }

    /**
     * Fails {@code future} with {@code onTimeout} unless it completes within {@code limit}; returns it. The
     * failure is completed on a worker: its dependents (resuming responses, among them) must not queue up
     * on the one timer thread while it has other deadlines to fire.
     */
    public <T> CompletableFuture<T> deadline(CompletableFuture<T> future, Duration limit, Supplier<? extends Throwable> onTimeout) {
        ScheduledFuture<?> alarm = timer.schedule(() -> workers.execute(() -> future.completeExceptionally(onTimeout.get())),
                limit.toNanos(), TimeUnit.NANOSECONDS);
        future.whenComplete((value, failure) -> alarm.cancel(false));
        return future;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        workers.shutdownNow();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS) || !timer.awaitTermination(1, TimeUnit.SECONDS)) {
                LOG.warning("geochat threads did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
