package org.geochat.chat.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.geochat.chat.ChatEvent;
import org.geochat.chat.Relay;
import org.geochat.core.AsyncRuntime;

/**
 * The chat's relay across nodes, on Redis: one stream per room, which this node's {@link StreamWriter} writes
 * its events to in the order they were published (from the {@link Backlog}, which keeps them while Redis is
 * unreachable) and its {@link StreamReader} reads every followed room's events back from, numbered. Presence is a
 * sorted set per room whose entries expire unless their node refreshes them. Every Redis call is asynchronous,
 * its result handled on geochat's workers, never on Lettuce's event loop.
 */
public final class RedisRelay implements Relay {

    private static final Logger LOG = Logger.getLogger(RedisRelay.class.getName());
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

    private final ClusterConfig config;
    private final Rooms rooms;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final ClientResources resources;
    private final RedisClient client;
    /** Names this node's events ({@code ref}) and its key in Redis; new on every start. */
    private final String node = newNodeName();
    private final Backlog backlog;
    private final StreamWriter writer;
    private final StreamReader reader;
    private final ScheduledFuture<?> presence;
    private volatile StatefulRedisConnection<String, String> commands;
    private volatile boolean connected;
    private volatile boolean warned;
    private volatile boolean closed;
    private volatile Instant lastFailure;
    private volatile String lastError;

    public RedisRelay(ClusterConfig config, Rooms rooms, AsyncRuntime runtime, MeterRegistry registry) {
        this.config = config;
        this.rooms = rooms;
        this.workers = runtime.workers();
        this.timer = runtime.timer();
        this.backlog = new Backlog(config.buffer());
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(5), 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, config.redis());
        client.setOptions(ClientOptions.builder().autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS) // fail fast: the backlog keeps them
                .timeoutOptions(TimeoutOptions.enabled()).build());
        this.writer = new StreamWriter(this, backlog, () -> commands, workers, node, config);
        this.reader = new StreamReader(this, () -> commands, workers);
        connect(COMMAND_TIMEOUT, connection -> {
            commands = connection;
            writer.kick();
        });
        long every = Math.max(100, config.presenceTtl().toMillis() / 3);
        this.presence = timer.scheduleAtFixedRate(() -> workers.execute(this::refreshPresence), every, every, TimeUnit.MILLISECONDS);
        Gauge.builder("geochat.chat.cluster.buffered", backlog, Backlog::size)
                .description("Events of this node not yet written to Redis").register(registry);
        Gauge.builder("geochat.chat.cluster.connected", this, relay -> relay.connected ? 1 : 0)
                .description("1 while this node reaches Redis").register(registry);
        LOG.info("chat cluster: node " + node + " on " + config.shownUrl());
    }

    /**
     * Reads the room's newest entries ({@code XREVRANGE}) and who is present, then has the reader follow the room
     * from the newest on. While Redis is unreachable the room starts empty and is read from wherever its stream
     * stands when Redis is back.
     */
    @Override
    public CompletionStage<Snapshot> follow(String room, int history) {
        StatefulRedisConnection<String, String> connection = commands;
        if (connection == null || !connected) {
            reader.follow(room, StreamReader.UNKNOWN);
            return CompletableFuture.completedFuture(new Snapshot(List.of(), List.of()));
        }
        RedisAsyncCommands<String, String> redis = connection.async();
        CompletableFuture<List<StreamMessage<String, String>>> recent = redis.xrevrange(Scripts.stream(room),
                Range.create("-", "+"), Limit.from(Math.max(history, 1))).toCompletableFuture();
        CompletableFuture<List<String>> present = Scripts.<List<String>>run(redis, ScriptOutputType.MULTI, room, node,
                "refresh", ttl(), maxlen()).toCompletableFuture();
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
            return new Snapshot(events.subList(Math.max(0, events.size() - history), events.size()), nicks);
        }).handleAsync((snapshot, failure) -> {
            if (failure == null) {
                return snapshot;
            }
            failed(failure);
            reader.follow(room, StreamReader.UNKNOWN);
            return new Snapshot(List.of(), List.of());
        }, workers);
    }

    @Override
    public void unfollow(String room) {
        reader.unfollow(room);
    }

    /** While Redis is unreachable a nick free on this node is free (README, "Cluster"). */
    @Override
    public CompletionStage<Boolean> claim(String room, String nick) {
        StatefulRedisConnection<String, String> connection = commands;
        if (connection == null || !connected) {
            return CompletableFuture.completedFuture(true);
        }
        return Scripts.<Long>run(connection.async(), ScriptOutputType.INTEGER, room, node, "claim", ttl(), maxlen(), nick)
                .handleAsync((claimed, failure) -> {
                    if (failure != null) {
                        failed(failure);
                        return true;
                    }
                    return claimed == 1L;
                }, workers);
    }

    @Override
    public void unclaim(String room, String nick) {
        StatefulRedisConnection<String, String> connection = commands;
        if (connection != null && connected) {
            connection.async().zrem(Scripts.presence(room), nick);
        }
    }

    @Override
    public Outcome publish(ChatEvent event, long lastId) {
        Backlog.Entry entry = backlog.offer(event, lastId, node + "-");
        if (entry == null) {
            return Outcome.REFUSED;
        }
        if (!connected) {
            if (backlog.markShown(entry)) {
                rooms.pending(entry.event);
            }
            return Outcome.PENDING;
        }
        writer.kick();
        return Outcome.SENT;
    }

    @Override
    public Optional<Status> status() {
        return Optional.of(new Status(config.shownUrl(), connected, backlog.size(), config.buffer(), lastFailure, lastError));
    }

    @Override
    public void close() {
        closed = true;
        presence.cancel(false);
        reader.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        try {
            resources.shutdown(0, 2, TimeUnit.SECONDS).get(3, TimeUnit.SECONDS);
        } catch (Exception e) { // undeploying regardless; Tomcat reports any thread left behind
            LOG.log(Level.WARNING, "Lettuce's threads did not stop", e);
        }
    }

    /** Keeps this node's members present in the rooms it follows and learns who else is; pings when it follows none. */
    private void refreshPresence() {
        StatefulRedisConnection<String, String> connection = commands;
        if (connection == null || closed) {
            return;
        }
        RedisAsyncCommands<String, String> redis = connection.async();
        if (reader.rooms().isEmpty()) {
            redis.ping().whenCompleteAsync((pong, failure) -> outcome(failure), workers);
        }
        for (String room : reader.rooms()) {
            List<String> args = new ArrayList<>(List.of("refresh", ttl(), maxlen()));
            args.addAll(rooms.nicksHere(room));
            Scripts.<List<String>>run(redis, ScriptOutputType.MULTI, room, node, args.toArray(String[]::new))
                    .whenCompleteAsync((present, failure) -> {
                        outcome(failure);
                        if (failure == null) {
                            rooms.presence(room, present);
                        }
                    }, workers);
        }
    }

    /** Connects, again and again with a growing pause until it works; Lettuce reconnects by itself after that. */
    void connect(Duration timeout, Consumer<StatefulRedisConnection<String, String>> ready) {
        connect(timeout, ready, new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5)));
    }

    private void connect(Duration timeout, Consumer<StatefulRedisConnection<String, String>> ready, Backoff backoff) {
        if (closed) {
            return;
        }
        client.connectAsync(StringCodec.UTF8, config.redis()).whenCompleteAsync((connection, failure) -> {
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
        }, workers);
    }

    /** A numbered event of a followed room, from the reader. */
    void arrived(ChatEvent event) {
        rooms.arrived(event);
    }

    private void outcome(Throwable failure) {
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
            LOG.info("chat cluster: Redis " + config.shownUrl() + " reachable; " + backlog.size() + " events to write");
            writer.kick();
        }
    }

    /**
     * Redis did not answer: this node serves its own users alone until it does, and shows them at once what it
     * published and has not written yet.
     */
    void failed(Throwable failure) {
        Throwable cause = Scripts.unwrap(failure);
        lastFailure = Instant.now();
        lastError = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        connected = false;
        if (!warned && !closed) {
            warned = true;
            LOG.warning("chat cluster: Redis " + config.shownUrl() + " unreachable (" + lastError + "); serving this node's"
                    + " users alone, keeping up to " + config.buffer() + " events for later");
        }
        for (Backlog.Entry entry : backlog.takeUnshown()) {
            rooms.pending(entry.event);
        }
    }

    boolean closed() {
        return closed;
    }

    void after(Duration delay, Runnable task) {
        if (!closed) {
            timer.schedule(() -> workers.execute(task), delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private String ttl() {
        return Long.toString(config.presenceTtl().toMillis());
    }

    private String maxlen() {
        return Integer.toString(config.streamLength());
    }

    private static String newNodeName() {
        byte[] bytes = new byte[6];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
