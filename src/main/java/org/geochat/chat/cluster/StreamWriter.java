package org.geochat.chat.cluster;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Writes this node's {@link Backlog} to the rooms' streams, oldest first, one batch at a time (pipelined on one
 * connection, so Redis applies them in order). An entry leaves the backlog only once Redis has confirmed it;
 * after a failure the writer waits (backing off) and sends the unconfirmed ones again. At most one batch is
 * in flight: {@code writing} is held from the batch's start until the writer finds the backlog empty.
 */
final class StreamWriter {

    private static final int BATCH = 64;

    private final RedisLink link;
    private final Backlog backlog;
    private final Supplier<StatefulRedisConnection<String, String>> connection;
    private final ExecutorService workers;
    private final String node;
    private final ClusterConfig config;
    private final Backoff backoff = Backoff.forRedis();
    private final AtomicBoolean writing = new AtomicBoolean();

    StreamWriter(RedisLink link, Backlog backlog, Supplier<StatefulRedisConnection<String, String>> connection,
                 ExecutorService workers, String node, ClusterConfig config) {
        this.link = link;
        this.backlog = backlog;
        this.connection = connection;
        this.workers = workers;
        this.node = node;
        this.config = config;
    }

    /** Starts writing unless a batch is in flight (which carries on with what was added meanwhile). */
    void kick() {
        if (connection.get() != null && !link.closed() && writing.compareAndSet(false, true)) {
            workers.execute(this::writeBatch);
        }
    }

    private void writeBatch() {
        List<Backlog.Entry> batch = backlog.head(BATCH);
        if (batch.isEmpty() || link.closed()) {
            writing.set(false);
            if (backlog.size() > 0) { // added after head() looked, by a publisher whose kick found us still writing
                kick();
            }
            return;
        }
        RedisAsyncCommands<String, String> redis = connection.get().async();
        List<CompletableFuture<Object>> replies = batch.stream()
                .map(entry -> Scripts.run(redis, ScriptOutputType.INTEGER, entry.event.room(), node, arguments(entry))
                        .toCompletableFuture())
                .toList();
        CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).whenCompleteAsync((done, failure) -> {
            int written = 0;
            while (written < replies.size() && !replies.get(written).isCompletedExceptionally()) {
                written++;
            }
            backlog.written(written);
            if (failure == null) {
                backoff.reset();
                link.succeeded();
                writeBatch();
            } else {
                link.failed(failure);
                writing.set(false);
                link.after(backoff.next(), this::kick);
            }
        }, workers);
    }

    /** cluster.lua's publish: the node's sequence number, the id floor, the stream length, the presence TTL, the fields. */
    private String[] arguments(Backlog.Entry entry) {
        List<String> args = new ArrayList<>(List.of("publish", Long.toString(entry.seq), Long.toString(entry.lastId),
                config.streamLengthArgument(), config.ttlArgument()));
        args.addAll(StreamEntries.fields(entry.event));
        return args.toArray(String[]::new);
    }
}
