package org.geochat.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AsyncRuntimeTest {

    @Test
    void afterComputesItsValueOnAWorkerEvenWithoutDelay() throws InterruptedException {
        try (AsyncRuntime runtime = new AsyncRuntime()) {
            BlockingQueue<String> thread = new ArrayBlockingQueue<>(1);
            runtime.after(Duration.ZERO, () -> Thread.currentThread().getName()).thenAccept(thread::add);
            assertTrue(thread.poll(5, TimeUnit.SECONDS).startsWith("geochat-worker-"));
        }
    }

    @Test
    void aFullBlockingPoolRejectsInsteadOfQueueing() throws InterruptedException {
        try (AsyncRuntime runtime = new AsyncRuntime()) {
            ExecutorService pool = runtime.blockingPool("test-blocking-", 1, 0);
            CountDownLatch release = new CountDownLatch(1);
            BlockingQueue<String> started = new ArrayBlockingQueue<>(1);
            pool.execute(() -> {
                started.add(Thread.currentThread().getName());
                awaitQuietly(release);
            });
            assertEquals("test-blocking-1", started.poll(5, TimeUnit.SECONDS));
            assertThrows(RejectedExecutionException.class, () -> pool.execute(() -> {}));
            release.countDown();
        }
    }

    /** What Tomcat's leak check looks for on undeploy: no thread of ours still alive once close() returns. */
    @Test
    void closeReturnsOnlyWhenEveryThreadHasEnded() throws InterruptedException {
        AsyncRuntime runtime = new AsyncRuntime();
        ExecutorService pool = runtime.blockingPool("test-blocking-", 2, 10);
        CountDownLatch never = new CountDownLatch(1);
        BlockingQueue<Thread> threads = new ArrayBlockingQueue<>(10);
        for (int i = 0; i < 4; i++) {
            runtime.workers().execute(() -> threads.add(Thread.currentThread()));
        }
        pool.execute(() -> {
            threads.add(Thread.currentThread());
            awaitQuietly(never); // a blocking call: interrupted by close()
        });
        runtime.timer().execute(() -> threads.add(Thread.currentThread()));
        List<Thread> seen = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Thread thread = threads.poll(5, TimeUnit.SECONDS);
            assertNotNull(thread, "task " + i + " did not run");
            seen.add(thread);
        }
        runtime.close();
        seen.forEach(thread -> assertFalse(thread.isAlive(), thread.getName() + " is still alive"));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A thread made on behalf of a task submitted from a foreign thread still has this application's loader. */
    @Test
    void itsThreadsHaveTheApplicationsContextLoaderWhoeverStartsThem() throws Exception {
        ClassLoader application = new ClassLoader(getClass().getClassLoader()) {};
        ClassLoader foreign = new ClassLoader(getClass().getClassLoader()) {};
        Thread deploying = Thread.currentThread();
        ClassLoader original = deploying.getContextClassLoader();
        AsyncRuntime runtime;
        deploying.setContextClassLoader(application);
        try {
            runtime = new AsyncRuntime();
        } finally {
            deploying.setContextClassLoader(original);
        }
        try {
            BlockingQueue<ClassLoader> seen = new ArrayBlockingQueue<>(1);
            Thread submitter = new Thread(() -> runtime.workers()
                    .execute(() -> seen.add(Thread.currentThread().getContextClassLoader())));
            submitter.setContextClassLoader(foreign);
            submitter.start();
            assertEquals(application, seen.poll(10, TimeUnit.SECONDS));
        } finally {
            runtime.close();
        }
    }
}
