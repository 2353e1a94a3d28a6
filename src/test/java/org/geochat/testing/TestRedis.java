package org.geochat.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.embedded.RedisServer;
import redis.embedded.exceptions.EmbeddedRedisException;

/**
 * A real redis-server (embedded-redis's bundled 7.0.15) on a free port, with its append-only file in a temporary
 * directory: stopped and started again it comes back with its data, as a production Redis with persistence does.
 */
public final class TestRedis implements AutoCloseable {

    /** Ports tried before giving up: only a port taken between its probe and redis-server's bind fails one. */
    private static final int ATTEMPTS = 5;

    private final int port;
    private final RedisServer server;

    private TestRedis(int port, Path dir) {
        this.port = port;
        this.server = RedisServer.builder()
                .port(port)
                .bind("127.0.0.1")
                .setting("dir " + dir)
                .setting("appendonly yes")
                .setting("appendfsync always")
                .setting("save \"\"")
                .build();
    }

    /**
     * Starts redis-server on a port that was free when probed. Another process can take that port before
     * redis-server binds it; redis-server then exits ("bind: Address in use") and embedded-redis throws, so this
     * probes another port and tries again, a few times.
     */
    public static TestRedis start() {
        Path dir;
        try {
            dir = Files.createTempDirectory("geochat-redis");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EmbeddedRedisException failure = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            TestRedis redis = new TestRedis(freePort(), dir);
            try {
                redis.server.start();
                return redis;
            } catch (EmbeddedRedisException e) { // its message has redis-server's log
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        throw new IllegalStateException(
                "redis-server did not start in " + ATTEMPTS + " attempts, each on a port that was free when probed",
                failure);
    }

    /** A port nothing listens on at this moment (on any address, so on 127.0.0.1 too). */
    private static int freePort() {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Stops the server (a clean shutdown: what it acknowledged is on disk). */
    public void stop() {
        server.stop();
    }

    /**
     * Starts it again, on the same port, with the same data (its clients have the URL). The port is not held while
     * it is stopped; should another process take it meanwhile, this throws {@link EmbeddedRedisException}.
     */
    public void restart() {
        server.start();
    }

    @Override
    public void close() {
        if (server.isActive()) {
            server.stop();
        }
    }
}
