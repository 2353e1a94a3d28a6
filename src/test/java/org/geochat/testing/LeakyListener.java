package org.geochat.testing;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.concurrent.CountDownLatch;

/**
 * Deliberately leaks a thread: added to a test deployment to prove that the undeploy leak check can fail.
 * {@link #stopLeakedThreads()} ends it afterwards.
 */
@WebListener
public final class LeakyListener implements ServletContextListener {

    public static final String THREAD_NAME = "geochat-test-leaked-thread";

    @Override
    public void contextInitialized(ServletContextEvent event) {
        Thread leaked = new Thread(
                () -> {
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                THREAD_NAME);
        leaked.setDaemon(true);
        leaked.start();
    }

    public static void stopLeakedThreads() {
        Thread.getAllStackTraces().keySet().stream()
                .filter(t -> THREAD_NAME.equals(t.getName()))
                .forEach(Thread::interrupt);
    }
}
