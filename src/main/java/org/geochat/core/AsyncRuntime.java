package org.geochat.core;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The threads geochat owns: a small fixed pool for short non-blocking tasks (the JAX-RS client's dispatch,
 * cache maintenance), one timer for deadlines and delays, and the bounded pools handed out for work that
 * blocks on purpose (the demo's executor style). Only those last ones ever wait on the network. All are
 * shut down on undeploy; {@code CompletableFuture.orTimeout} and {@code delayedExecutor} are not used
 * because their JDK-wide timer thread would outlive the application.
 */
public final class AsyncRuntime implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AsyncRuntime.class.getName());

    private final ThreadPoolExecutor workers;
    private final ScheduledThreadPoolExecutor timer;
    private final List<ExecutorService> blockingPools = new CopyOnWriteArrayList<>();
    /** Every thread the pools below have started and that may not have ended yet; see {@link #close()}. */
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    private final ClassLoader applicationLoader;

    public AsyncRuntime() {
        applicationLoader = Thread.currentThread().getContextClassLoader(); // the container sets it while deploying
        int size = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        workers = new ThreadPoolExecutor(
                size, size, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), named("geochat-worker-"));
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
    public <T> CompletableFuture<T> deadline(
            CompletableFuture<T> future, Duration limit, Supplier<? extends Throwable> onTimeout) {
        ScheduledFuture<?> alarm = timer.schedule(
                () -> workers.execute(() -> future.completeExceptionally(onTimeout.get())),
                limit.toNanos(),
                TimeUnit.NANOSECONDS);
        future.whenComplete((value, failure) -> alarm.cancel(false));
        return future;
    }

    /**
     * A future completed once {@code delay} has passed, with {@code value} computed on a worker then (always
     * on a worker, even for no delay); no thread waits meanwhile.
     */
    public <T> CompletableFuture<T> after(Duration delay, Supplier<T> value) {
        CompletableFuture<T> done = new CompletableFuture<>();
        timer.schedule(
                () -> workers.execute(() -> {
                    try {
                        done.complete(value.get());
                    } catch (RuntimeException e) {
                        done.completeExceptionally(e);
                    }
                }),
                delay.toNanos(),
                TimeUnit.NANOSECONDS);
        return done;
    }

    /**
     * A pool of {@code threads} named {@code prefix-N} for tasks that block, with room for {@code queue} waiting
     * tasks; beyond that {@code execute} throws {@link java.util.concurrent.RejectedExecutionException}.
     * Shut down with the rest on {@link #close()}.
     */
    public ExecutorService blockingPool(String prefix, int threads, int queue) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                threads,
                threads,
                30,
                TimeUnit.SECONDS,
                queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue),
                named(prefix));
        pool.allowCoreThreadTimeOut(true);
        blockingPools.add(pool);
        return pool;
    }

    /**
     * Stops every pool and waits (up to 5 s in all) until each thread geochat started has ended: not only until
     * the pools report termination, which they do while their last threads are still on their way out, and
     * which Tomcat's leak check on undeploy would catch.
     */
    @Override
    public void close() {
        timer.shutdownNow();
        workers.shutdownNow();
        blockingPools.forEach(ExecutorService::shutdownNow);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try {
            for (Thread thread : threads) {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (threads.stream().anyMatch(Thread::isAlive)) {
            LOG.warning("geochat threads did not stop within 5 s");
        }
    }

    /**
     * Threads named {@code prefix-N}, each with this application's class loader as its context loader. Left to
     * itself a new thread inherits the loader of whichever thread made it, possibly another web application's
     * (a container thread, or one of the HTTP client's): {@code ServiceLoader} lookups on it, such as JSON-P's
     * provider, would then find that application's classes and fail.
     */
    private ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(applicationLoader);
            threads.removeIf(old -> old.getState() == Thread.State.TERMINATED);
            threads.add(thread);
            return thread;
        };
    }
}
