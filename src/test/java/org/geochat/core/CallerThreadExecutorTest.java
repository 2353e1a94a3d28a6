package org.geochat.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CallerThreadExecutorTest {

    @Test
    void aTaskRunsAtOnceOnTheSubmittingThread() {
        CallerThreadExecutor executor = new CallerThreadExecutor();
        CompletableFuture<String> ranOn = new CompletableFuture<>();
        executor.submit(() -> ranOn.complete(Thread.currentThread().getName()));
        assertEquals(Thread.currentThread().getName(), ranOn.getNow("not run yet"));
    }

    @Test
    void onceShutDownItRefusesTasks() throws InterruptedException {
        CallerThreadExecutor executor = new CallerThreadExecutor();
        assertFalse(executor.isShutdown());
        executor.shutdown();
        assertTrue(executor.isShutdown());
        assertTrue(executor.awaitTermination(0, TimeUnit.SECONDS));
        assertThrows(RejectedExecutionException.class, () -> executor.execute(() -> {}));
    }
}
