package org.geochat.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.embedded.RedisServer;

/**
 * A real redis-server (embedded-redis's bundled 7.0.15) on a free port, with its append-only file in a temporary
 * directory: stopped and started again it comes back with its data, as a production Redis with persistence does.
 */
public final class TestRedis implements AutoCloseable {

    private final int port;
    private final RedisServer server;

    private TestRedis(int port, Path dir) {
        this.port = port;
        this.server = RedisServer.builder().port(port).bind("127.0.0.1").setting("dir " + dir)
                .setting("appendonly yes").setting("appendfsync always").setting("save \"\"").build();
    }

    public static TestRedis start() {
        try (ServerSocket probe = new ServerSocket(0)) {
            TestRedis redis = new TestRedis(probe.getLocalPort(), Files.createTempDirectory("geochat-redis"));
            probe.close();
            redis.server.start();
            return redis;
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

    /** Starts it again, on the same port, with the same data. */
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
