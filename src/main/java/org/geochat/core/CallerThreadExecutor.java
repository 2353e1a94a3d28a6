package org.geochat.core;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs each task at once, on the thread that submits it. The JAX-RS client hands every asynchronous call to its
 * executor before the connector sends it; {@link NonBlockingConnector} only starts a non-blocking exchange, so
 * that hand-off bought nothing but a queue, a wake-up and a context switch per call. Jersey wants an
 * {@code ExecutorService}; the JDK has no same-thread one.
 */
public final class CallerThreadExecutor extends AbstractExecutorService {

    private volatile boolean shutdown;

    @Override
    public void execute(Runnable task) {
        if (shutdown) {
            throw new RejectedExecutionException("shut down");
        }
        task.run();
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return shutdown;
    }
}
