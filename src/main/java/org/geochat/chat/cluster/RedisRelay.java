package org.geochat.chat.cluster;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.geochat.chat.ChatEvent;
import org.geochat.chat.Relay;
import org.geochat.core.AsyncRuntime;
import org.geochat.core.RandomIds;

/**
 * The chat's relay across nodes, on Redis: one stream per room, which this node's {@link StreamWriter} writes
 * its events to in the order they were published (from the {@link Backlog}, which keeps them while Redis is
 * unreachable) and its {@link StreamReader} reads every followed room's events back from, numbered. Presence is a
 * sorted set per room whose entries expire unless their node refreshes them. Every Redis call is asynchronous,
 * its result handled on geochat's workers, never on Lettuce's event loop.
 *
 * <p>Longer than most classes here: it is the one implementation of {@link Relay}, each of whose operations is
 * a short Redis exchange; splitting them up would scatter one protocol over several files.
 */
public final class RedisRelay implements Relay {

    private static final Logger LOG = Logger.getLogger(RedisRelay.class.getName());
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

    private final ClusterConfig config;
    private final Relay.Listener rooms;
    private final ExecutorService workers;
    private final RedisLink link;
    /** Names this node's events ({@code ref}) and its key in Redis; new on every start. */
    private final String node = RandomIds.hex(6);

    private final Backlog backlog;
    private final StreamWriter writer;
    private final StreamReader reader;
    private final ScheduledFuture<?> presence;
    private volatile StatefulRedisConnection<String, String> commands;
    /** Completes once {@link #commands} is set: the first time this node can write to Redis. */
    private final CompletableFuture<Void> firstContact = new CompletableFuture<>();

    public RedisRelay(ClusterConfig config, Relay.Listener rooms, AsyncRuntime runtime, MeterRegistry registry) {
        this.config = config;
        this.rooms = rooms;
        this.workers = runtime.workers();
        this.backlog = new Backlog(config.buffer());
        this.link = new RedisLink(config, runtime, this::showWhatWaits, this::writeWhatWaits);
        this.writer = new StreamWriter(link, backlog, () -> commands, workers, node, config);
        this.reader = new StreamReader(link, () -> commands, workers, this::arrived);
        link.connect(COMMAND_TIMEOUT, connection -> {
            commands = connection;
            firstContact.complete(null);
            writer.kick();
        });
        long every = Math.max(100, config.presenceTtl().toMillis() / 3);
        this.presence = runtime.timer()
                .scheduleAtFixedRate(() -> workers.execute(this::refreshPresence), every, every, TimeUnit.MILLISECONDS);
        Gauge.builder("geochat.chat.cluster.buffered", backlog, Backlog::size)
                .description("Events of this node not yet written to Redis")
                .register(registry);
        Gauge.builder("geochat.chat.cluster.connected", link, l -> l.connected() ? 1 : 0)
                .description("1 while this node reaches Redis")
                .register(registry);
        LOG.info("chat cluster: node " + node + " on " + config.shownUrl());
    }

    /**
     * Reads the room's newest entries ({@code XREVRANGE}) and who is present, then has the reader follow the room
     * from the newest on. While Redis is unreachable the room starts empty and is read from wherever its stream
     * stands when Redis is back.
     */
    @Override
    public CompletionStage<Snapshot> follow(String room, int history) {
        // Just after start the first connection may still be opening: a room opened then would start empty (no
        // history, nobody from other nodes present), so it waits for Redis a moment first.
        return firstContact
                .copy()
                .completeOnTimeout(null, COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .thenCompose(contact -> onWorker(() -> followNow(room, history)));
    }

    private CompletionStage<Snapshot> followNow(String room, int history) {
        StatefulRedisConnection<String, String> connection = commands;
        if (connection == null || !link.connected()) {
            reader.follow(room, StreamReader.UNKNOWN);
            return CompletableFuture.completedFuture(new Snapshot(List.of(), List.of(), null));
        }
        RedisAsyncCommands<String, String> redis = connection.async();
        CompletableFuture<List<StreamMessage<String, String>>> recent = redis.xrevrange(
                        Scripts.stream(room), Range.create("-", "+"), Limit.from(Math.max(history, 1)))
                .toCompletableFuture();
        CompletableFuture<List<String>> present = Scripts.<List<String>>run(
                        redis,
                        ScriptOutputType.MULTI,
                        room,
                        node,
                        "refresh",
                        config.ttlArgument(),
                        config.streamLengthArgument())
                .toCompletableFuture();
        return recent.thenCombine(present, (entries, nicks) -> {
                    List<ChatEvent> events = new ArrayList<>();
                    long newest = 0;
                    for (StreamMessage<String, String> entry : entries) {
                        long id = StreamEntries.id(entry.getId());
                        newest = Math.max(newest, id);
                        StreamEntries.event(room, id, entry.getBody()).ifPresent(events::add);
                    }
                    Collections.reverse(events);
                    reader.follow(room, newest);
                    String epoch = entries.isEmpty()
                            ? null
                            : entries.get(0).getBody().get(StreamEntries.EPOCH); // the newest's
                    return new Snapshot(
                            events.subList(Math.max(0, events.size() - history), events.size()), nicks, epoch);
                })
                .handleAsync(
                        (snapshot, failure) -> {
                            if (failure == null) {
                                return snapshot;
                            }
                            link.failed(failure);
                            reader.follow(room, StreamReader.UNKNOWN);
                            return new Snapshot(List.of(), List.of(), null);
                        },
                        workers);
    }

    @Override
    public void unfollow(String room) {
        reader.unfollow(room);
    }

    /** While Redis is unreachable a nick free on this node is free (README, "Cluster"). */
    @Override
    public CompletionStage<Boolean> claim(String room, String nick) {
        return onWorker(() -> claimNow(room, nick));
    }

    private CompletionStage<Boolean> claimNow(String room, String nick) {
        StatefulRedisConnection<String, String> connection = commands;
        if (connection == null || !link.connected()) {
            return CompletableFuture.completedFuture(true);
        }
        return Scripts.<Long>run(
                        connection.async(),
                        ScriptOutputType.INTEGER,
                        room,
                        node,
                        "claim",
                        config.ttlArgument(),
                        config.streamLengthArgument(),
                        nick)
                .handleAsync(
                        (claimed, failure) -> {
                            if (failure != null) {
                                link.failed(failure);
                                return true;
                            }
                            return claimed == 1L;
                        },
                        workers);
    }

    @Override
    public void unclaim(String room, String nick) {
        onWorker(() -> {
            StatefulRedisConnection<String, String> connection = commands;
            return connection != null && link.connected()
                    ? connection.async().zrem(Scripts.presence(room), nick)
                    : CompletableFuture.completedFuture(0L);
        });
    }

    /**
     * Calls Redis from one of geochat's workers, not from the caller's thread (a container thread, in onOpen):
     * Lettuce leaves Netty thread-locals on the threads it is called from, which Tomcat reports as leaks on undeploy.
     */
    private <T> CompletionStage<T> onWorker(Supplier<CompletionStage<T>> call) {
        return CompletableFuture.supplyAsync(call, workers).thenCompose(stage -> stage);
    }

    @Override
    public Outcome publish(ChatEvent event, long lastId) {
        Backlog.Entry entry = backlog.offer(event, lastId, node + "-");
        if (entry == null) {
            return Outcome.REFUSED;
        }
        if (!link.connected()) {
            return Outcome.PENDING;
        }
        writer.kick();
        return Outcome.SENT;
    }

    /** Completes when this node can first write to Redis. */
    CompletionStage<Void> firstContact() {
        return firstContact;
    }

    @Override
    public Optional<Status> status() {
        return Optional.of(new Status(
                config.shownUrl(),
                link.connected(),
                backlog.size(),
                config.buffer(),
                link.lastFailure(),
                link.lastError()));
    }

    @Override
    public void close() {
        presence.cancel(false);
        link.close(reader::close);
    }

    /** Keeps this node's members present in the rooms it follows and learns who else is; pings when it follows none. */
    private void refreshPresence() {
        StatefulRedisConnection<String, String> connection = commands;
        if (connection == null || link.closed()) {
            return;
        }
        RedisAsyncCommands<String, String> redis = connection.async();
        if (reader.rooms().isEmpty()) {
            redis.ping().whenCompleteAsync((pong, failure) -> link.outcome(failure), workers);
        }
        for (String room : reader.rooms()) {
            List<String> args =
                    new ArrayList<>(List.of("refresh", config.ttlArgument(), config.streamLengthArgument()));
            args.addAll(rooms.nicksHere(room));
            Scripts.<List<String>>run(redis, ScriptOutputType.MULTI, room, node, args.toArray(String[]::new))
                    .whenCompleteAsync(
                            (present, failure) -> {
                                link.outcome(failure);
                                if (failure == null) {
                                    rooms.presence(room, present);
                                }
                            },
                            workers);
        }
    }

    /**
     * A numbered event from the stream. One of this node's own may come back before the writer has seen Redis
     * confirm it; it is no longer to be shown as pending should Redis go away now.
     */
    private void arrived(ChatEvent event) {
        if (event.ref() != null && event.ref().startsWith(node + "-")) {
            backlog.markShown(event.ref());
        }
        rooms.arrived(event);
    }

    /** Redis answers again: write what was kept meanwhile. */
    private void writeWhatWaits() {
        writer.kick();
    }

    /** What this node published and has not written yet is shown to its own members now (Redis did not answer). */
    private void showWhatWaits() {
        backlog.roomsWithUnshown().forEach(rooms::kept);
    }

    @Override
    public List<ChatEvent> takeUnshown(String room) {
        return backlog.takeUnshown(room);
    }
}
