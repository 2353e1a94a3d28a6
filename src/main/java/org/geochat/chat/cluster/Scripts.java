package org.geochat.chat.cluster;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.geochat.core.AsyncBridge;

/** geochat's keys in Redis and the Lua script ({@code cluster.lua}) that changes a room's keys atomically. */
final class Scripts {

    private static final String SCRIPT = load();
    private static final String SHA = sha1(SCRIPT);

    private Scripts() {}

    /** A room's stream: entry {@code 0-N} is the event with id N. */
    static String stream(String room) {
        return "geochat:{" + room + "}:events";
    }

    /** The room whose stream {@code streamKey} is: the inverse of {@link #stream}. */
    static String roomOf(String streamKey) {
        return streamKey.substring(streamKey.indexOf('{') + 1, streamKey.lastIndexOf('}'));
    }

    /** A room's presence: a sorted set of nick to the time (ms) it expires unless its node refreshes it. */
    static String presence(String room) {
        return "geochat:{" + room + "}:presence";
    }

    /** A node's key: the sequence number of its last event written (cluster.lua's publish keeps it). */
    static String sequence(String node) {
        return "geochat:node:" + node;
    }

    /**
     * Runs a command of the script on a room's keys and a node's: by the script's SHA, and by its text when
     * Redis does not know it (first use, or a Redis that restarted).
     */
    static <T> CompletionStage<T> run(
            RedisAsyncCommands<String, String> redis, ScriptOutputType type, String room, String node, String... args) {
        String[] keys = {stream(room), presence(room), sequence(node)};
        return redis.<T>evalsha(SHA, type, keys, args)
                .exceptionallyCompose(failure -> AsyncBridge.unwrap(failure) instanceof RedisNoScriptException
                        ? redis.<T>eval(SCRIPT, type, keys, args)
                        : CompletableFuture.failedFuture(failure));
    }

    private static String load() {
        try (InputStream in = Scripts.class.getResourceAsStream("cluster.lua")) {
            if (in == null) {
                throw new IllegalStateException("cluster.lua is missing from the WAR");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
