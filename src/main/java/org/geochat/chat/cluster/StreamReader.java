package org.geochat.chat.cluster;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.UnblockType;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.geochat.chat.ChatEvent;

/**
 * This node's one reader of the streams of the rooms it follows: {@code XREAD BLOCK} on a connection of its
 * own (a blocked command holds up everything behind it on its connection), from the last id it handed on in
 * each room, so after an outage it resumes exactly where it stopped. A loop of asynchronous calls: no thread
 * waits on Redis, and after a failure the next attempt waits a growing pause.
 */
final class StreamReader {

    /** The position of a room followed while Redis was unreachable: it starts from the stream's end once Redis is back. */
    static final long UNKNOWN = -1;

    private static final long BLOCK_MS = 2000;
    private static final int COUNT = 500;

    private final RedisLink link;
    private final Supplier<StatefulRedisConnection<String, String>> commands;
    private final ExecutorService workers;
    private final Consumer<ChatEvent> arrived;
    private final Map<String, Long> positions = new ConcurrentHashMap<>();
    private final Backoff backoff = Backoff.forRedis();
    /** Held by the one read loop while it runs; it stops when no room is followed. */
    private final AtomicBoolean reading = new AtomicBoolean();

    private volatile StatefulRedisConnection<String, String> connection;
    /** Redis's id of this reader's connection, for CLIENT UNBLOCK; -1 until known again after a failure. */
    private volatile long clientId = -1;

    StreamReader(
            RedisLink link,
            Supplier<StatefulRedisConnection<String, String>> commands,
            ExecutorService workers,
            Consumer<ChatEvent> arrived) {
        this.link = link;
        this.arrived = arrived;
        this.commands = commands;
        this.workers = workers;
        link.connect(Duration.ofMillis(BLOCK_MS).plusSeconds(3), ready -> {
            connection = ready;
            wake();
        });
    }

    /** Reads the room from after {@code position} on; a read blocked meanwhile is woken to take it in. */
    void follow(String room, long position) {
        positions.merge(room, position, Math::max);
        wake();
    }

    void unfollow(String room) {
        positions.remove(room);
    }

    Set<String> rooms() {
        return positions.keySet();
    }

    void close() {
        StatefulRedisConnection<String, String> current = connection;
        if (current != null) {
            current.closeAsync();
        }
    }

    private void wake() {
        if (reading.compareAndSet(false, true)) {
            workers.execute(this::read);
            return;
        }
        StatefulRedisConnection<String, String> control = commands.get();
        long blocked = clientId;
        if (control != null && blocked >= 0) { // a read that started just before may miss this; it ends within BLOCK_MS
            control.async().clientUnblock(blocked, UnblockType.TIMEOUT);
        }
    }

    private void read() {
        StatefulRedisConnection<String, String> current = connection;
        if (current == null || link.closed() || positions.isEmpty()) {
            reading.set(false);
            if (current != null && !positions.isEmpty() && !link.closed()) { // followed after the check above
                wake();
            }
            return;
        }
        RedisAsyncCommands<String, String> redis = current.async();
        CompletableFuture<Void> ready = clientId >= 0
                ? CompletableFuture.completedFuture(null)
                : redis.clientId().toCompletableFuture().thenAccept(id -> clientId = id);
        for (Map.Entry<String, Long> unknown : positions.entrySet()) {
            if (unknown.getValue() == UNKNOWN) {
                String room = unknown.getKey();
                ready = ready.thenCompose(done -> redis.xrevrange(
                                Scripts.stream(room), Range.create("-", "+"), Limit.from(1))
                        .thenAccept(newest -> positions.replace(
                                room,
                                UNKNOWN,
                                newest.isEmpty()
                                        ? 0
                                        : StreamEntries.id(newest.get(0).getId()))));
            }
        }
        ready.thenCompose(done -> {
                    XReadArgs.StreamOffset<String>[] offsets = offsets();
                    return offsets.length == 0
                            ? CompletableFuture.completedFuture(List.<StreamMessage<String, String>>of())
                            : redis.xread(XReadArgs.Builder.block(BLOCK_MS).count(COUNT), offsets);
                })
                .whenCompleteAsync(
                        (entries, failure) -> {
                            if (failure != null) {
                                clientId = -1;
                                link.failed(failure);
                                link.after(backoff.next(), this::read);
                                return;
                            }
                            backoff.reset();
                            link.succeeded();
                            if (entries != null) {
                                entries.forEach(this::handOn);
                            }
                            read();
                        },
                        workers);
    }

    @SuppressWarnings("unchecked")
    private XReadArgs.StreamOffset<String>[] offsets() {
        return positions.entrySet().stream()
                .filter(e -> e.getValue() != UNKNOWN)
                .map(e -> XReadArgs.StreamOffset.from(Scripts.stream(e.getKey()), "0-" + e.getValue()))
                .toArray(XReadArgs.StreamOffset[]::new);
    }

    private void handOn(StreamMessage<String, String> entry) {
        String room = Scripts.roomOf(entry.getStream());
        long id = StreamEntries.id(entry.getId());
        Long position = positions.get(room);
        if (position != null && id > position) {
            positions.replace(room, position, id);
            StreamEntries.event(room, id, entry.getBody()).ifPresent(arrived);
        }
    }
}
