package org.geochat.chat.cluster;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.geochat.core.AsyncBridge;

/**
 * Writes this node's {@link Backlog} to the rooms' streams, oldest first, one batch at a time (pipelined on one
 * connection, so Redis applies them in order). An entry leaves the backlog only once Redis has confirmed it;
 * after a failure the writer waits (backing off) and sends the unconfirmed ones again. At most one batch is
 * in flight: {@code writing} is held from the batch's start until the writer finds the backlog empty.
 */
final class StreamWriter {

    private static final int BATCH = 64;
    /** How cluster.lua's refusal of an entry that would overtake an earlier one begins. */
    private static final String ORDER = "GEOCHAT_ORDER";

    private final RedisLink link;
    private final Backlog backlog;
    private final Supplier<StatefulRedisConnection<String, String>> connection;
    private final ExecutorService workers;
    private final String node;
    private final ClusterConfig config;
    private final Backoff backoff = Backoff.forRedis();
    private final AtomicBoolean writing = new AtomicBoolean();

    StreamWriter(
            RedisLink link,
            Backlog backlog,
            Supplier<StatefulRedisConnection<String, String>> connection,
            ExecutorService workers,
            String node,
            ClusterConfig config) {
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
        long first = batch.get(0).seq;
        List<CompletableFuture<Object>> replies = batch.stream()
                .map(entry -> Scripts.run(
                                redis,
                                ScriptOutputType.INTEGER,
                                entry.event.room(),
                                node,
                                publishArguments(entry, first, config))
                        .toCompletableFuture())
                .toList();
        CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new))
                .whenCompleteAsync(
                        (done, failure) -> {
                            int written = 0;
                            while (written < replies.size()
                                    && !replies.get(written).isCompletedExceptionally()) {
                                written++;
                            }
                            backlog.written(written);
                            if (failure == null) {
                                backoff.reset();
                                link.succeeded();
                                writeBatch();
                            } else if (refusedOutOfOrder(replies.get(written))) {
                                writeBatch(); // the ones before it are written: the refused one now heads the backlog,
                                // and goes in
                            } else {
                                link.failed(failure);
                                writing.set(false);
                                link.after(backoff.next(), this::kick);
                            }
                        },
                        workers);
    }

    /**
     * Whether Redis refused the entry because one of this node's earlier entries was not written (see
     * cluster.lua): its command failed, by the time it was sent again a later one had been run, and Redis is
     * otherwise fine. That happens when Redis forgot the script: a later entry's EVALSHA finds it loaded again
     * (by another node, or this node's presence refresh) before the earlier one's EVAL follows.
     */
    private static boolean refusedOutOfOrder(CompletableFuture<Object> reply) {
        return reply.handle((result, failure) -> failure != null
                        && AsyncBridge.unwrap(failure) instanceof RedisCommandExecutionException e
                        && e.getMessage() != null
                        && e.getMessage().startsWith(ORDER))
                .getNow(false); // every reply is in
    }

    /**
     * cluster.lua's publish: the node's sequence number, the oldest one it has not seen written, the id floor, the
     * stream length, the presence TTL, the fields.
     */
    static String[] publishArguments(Backlog.Entry entry, long first, ClusterConfig config) {
        List<String> args = new ArrayList<>(List.of(
                "publish",
                Long.toString(entry.seq),
                Long.toString(first),
                Long.toString(entry.lastId),
                config.streamLengthArgument(),
                config.ttlArgument()));
        args.addAll(StreamEntries.fields(entry.event));
        return args.toArray(String[]::new);
    }
}
