package org.geochat.chat.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.netty.util.concurrent.FastThreadLocal;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.geochat.core.AsyncBridge;
import org.geochat.core.AsyncRuntime;

/**
 * This node's link to Redis: the Lettuce client and its threads, and whether Redis answers. Every part that
 * talks to Redis reports each outcome here. Any failure makes the node serve its own users alone and runs
 * {@code onFailure} (it shows them what it could not write); the first success after failures ends that and
 * runs {@code onBack}. Waits between attempts run on geochat's timer: no thread sleeps or spins.
 */
final class RedisLink {

    private static final Logger LOG = Logger.getLogger(RedisLink.class.getName());

    private final ClusterConfig config;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final ClientResources resources;
    private final RedisClient client;
    private final Runnable onFailure;
    private final Runnable onBack;
    private volatile boolean connected;
    private volatile boolean warned;
    private volatile boolean closed;
    private volatile Instant lastFailure;
    private volatile String lastError;

    RedisLink(ClusterConfig config, AsyncRuntime runtime, Runnable onFailure, Runnable onBack) {
        this.config = config;
        this.workers = runtime.workers();
        this.timer = runtime.timer();
        this.onFailure = onFailure;
        this.onBack = onBack;
        this.resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Backoff.MIN, Backoff.MAX, 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, config.redis());
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(
                        ClientOptions.DisconnectedBehavior.REJECT_COMMANDS) // fail fast: the backlog keeps them
                .timeoutOptions(TimeoutOptions.enabled())
                .build());
        // Building the resources left Netty's thread-local map on this thread, the container's deploying one, where
        // it would hold on to this application's class loader after undeploy (Tomcat reports it: UndeployIT).
        FastThreadLocal.removeAll();
    }

    /**
     * Opens a connection whose commands time out after {@code timeout}, trying again with a growing pause until
     * it works; after that Lettuce reconnects it by itself (with its own growing pause, within the same bounds).
     */
    void connect(Duration timeout, Consumer<StatefulRedisConnection<String, String>> ready) {
        Backoff backoff = Backoff.forRedis();
        workers.execute(() -> connect(timeout, ready, backoff)); // not on the deploying thread: see close()
    }

    private void connect(Duration timeout, Consumer<StatefulRedisConnection<String, String>> ready, Backoff backoff) {
        if (closed) {
            return;
        }
        client.connectAsync(StringCodec.UTF8, config.redis())
                .whenCompleteAsync(
                        (connection, failure) -> {
                            if (failure != null) {
                                failed(failure);
                                after(backoff.next(), () -> connect(timeout, ready, backoff));
                            } else if (closed) {
                                connection.closeAsync();
                            } else {
                                connection.setTimeout(timeout);
                                succeeded();
                                ready.accept(connection);
                            }
                        },
                        workers);
    }

    void outcome(Throwable failure) {
        if (failure == null) {
            succeeded();
        } else {
            failed(failure);
        }
    }

    void succeeded() {
        if (!connected && !closed) {
            connected = true;
            warned = false;
            LOG.info("chat cluster: Redis " + config.shownUrl() + " reachable");
            onBack.run();
        }
    }

    void failed(Throwable failure) {
        Throwable cause = AsyncBridge.unwrap(failure);
        lastFailure = Instant.now();
        lastError = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        connected = false;
        if (!warned && !closed) {
            warned = true;
            LOG.warning(
                    "chat cluster: Redis " + config.shownUrl() + " unreachable (" + lastError + "); serving this node's"
                            + " users alone, keeping up to " + config.buffer() + " events for later");
        }
        onFailure.run();
    }

    /** Runs {@code task} on a worker after {@code delay}, unless the link is closed by then. */
    void after(Duration delay, Runnable task) {
        if (!closed) {
            timer.schedule(() -> workers.execute(task), delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    boolean connected() {
        return connected;
    }

    boolean closed() {
        return closed;
    }

    Instant lastFailure() {
        return lastFailure;
    }

    String lastError() {
        return lastError;
    }

    /**
     * Runs {@code first} (closing connections), then closes every other connection and stops Lettuce's threads,
     * waiting for them (Tomcat checks on undeploy). On a thread of its own: Netty leaves thread-locals on the
     * threads that call it, and this one ends.
     */
    void close(Runnable first) {
        closed = true;
        Thread shutdown = new Thread(
                () -> {
                    first.run();
                    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
                    try {
                        resources.shutdown(0, 2, TimeUnit.SECONDS).get(3, TimeUnit.SECONDS);
                    } catch (Exception e) { // undeploying regardless; Tomcat reports any thread left behind
                        LOG.log(Level.WARNING, "Lettuce's threads did not stop", e);
                    }
                },
                "geochat-redis-shutdown");
        shutdown.setContextClassLoader(RedisLink.class.getClassLoader());
        shutdown.start();
        try {
            shutdown.join(TimeUnit.SECONDS.toMillis(6));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
