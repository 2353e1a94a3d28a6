package org.geochat.chat;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.websocket.Session;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.geochat.core.AsyncRuntime;
import org.geochat.core.RandomIds;
import org.geochat.net.ClientAddress;

/**
 * The chat of one deployment: its rooms, its open connections and how many each client address holds, and
 * the heartbeat that pings them. The container creates the endpoints, so they find this through
 * {@link #current()}; there is one per web application (its own class loader), installed on start.
 */
public final class Chat implements AutoCloseable {

    private static final AtomicReference<Chat> CURRENT = new AtomicReference<>();
    private static final long PRESENCE_DELAY_MS = 200;
    /** How often the heartbeat looks for idle connections and stuck writes (pings go out every GEOCHAT_CHAT_PING). */
    private static final long SWEEP_MS = 1000;

    private final ChatConfig config;
    private final ClientAddress clientAddress;
    private final Function<String, CompletionStage<String>> countryOf;
    private final AddressAllowance allowance;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final ScheduledFuture<?> heartbeat;
    /** Proves to {@link ChatConfigurator} that {@link ChatHandshakeFilter} saw the handshake; see there. */
    private final String handshakeToken = RandomIds.hex(16);
    /** Closes that may block: a close frame to a client that stopped reading waits for the send timeout. */
    private final ExecutorService closer;

    private final ScheduledExecutorService timer;
    private final ExecutorService workers;
    private final ChatMeters meters;
    private final GeochatV1 v1;
    private final Rooms rooms;
    private final ChatProbe probe;
    /** When the heartbeat last pinged every connection ({@link System#nanoTime}); only the heartbeat uses it. */
    private volatile long lastPing = System.nanoTime();

    private Chat(
            ChatConfig config,
            ClientAddress clientAddress,
            AsyncRuntime runtime,
            MeterRegistry registry,
            Function<String, CompletionStage<String>> countryOf,
            Function<Relay.Listener, Relay> relay) {
        this.config = config;
        this.clientAddress = clientAddress;
        this.countryOf = countryOf;
        this.allowance = new AddressAllowance(config.maxConnectionsPerIp());
        this.closer = runtime.blockingPool("geochat-chat-closer-", 4, 100_000);
        this.timer = runtime.timer();
        this.workers = runtime.workers();
        this.rooms = new Rooms(config, Clock.systemUTC(), this::soon, relay);
        this.meters = new ChatMeters(registry, connections, rooms, allowance);
        this.v1 = new GeochatV1(config.ping().toMillis());
        this.probe = new ChatProbe(handshakeToken, runtime);
        long every = Math.min(config.ping().toMillis(), SWEEP_MS);
        this.heartbeat =
                timer.scheduleAtFixedRate(() -> workers.execute(this::heartbeat), every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts this deployment's chat and makes it the one its endpoints use.
     *
     * @param countryOf the country code of a client address, as the lookup API finds it
     * @param relay makes the relay the rooms publish through, given where it hands events back; empty for one node alone
     */
    public static Chat start(
            ChatConfig config,
            ClientAddress clientAddress,
            AsyncRuntime runtime,
            MeterRegistry registry,
            Function<String, CompletionStage<String>> countryOf,
            Optional<Function<Relay.Listener, Relay>> relay) {
        Chat chat = new Chat(config, clientAddress, runtime, registry, countryOf, relay.orElse(LocalRelay::new));
        CURRENT.set(chat);
        return chat;
    }

    static Chat current() {
        Chat chat = CURRENT.get();
        if (chat == null) {
            throw new IllegalStateException("the chat is not running");
        }
        return chat;
    }

    ChatConfig config() {
        return config;
    }

    ChatMeters meters() {
        return meters;
    }

    /** The dialect of a connection that agreed on {@code subprotocol} (null or empty: none). */
    Dialect dialect(String subprotocol) {
        return GeochatV1.NAME.equals(subprotocol) ? v1 : PlainText.INSTANCE;
    }

    /** The connection the container just accepted on {@code session}, not yet opened. */
    Connection connection(Session session, Handshake handshake) {
        return new Connection(this, new SessionWire(session, config.sendTimeout(), this::later), handshake);
    }

    String handshakeToken() {
        return handshakeToken;
    }

    /** Whether {@code token} is this deployment's handshake token; compared in constant time, for it comes from outside. */
    boolean isHandshakeToken(String token) {
        return token != null
                && MessageDigest.isEqual(
                        token.getBytes(StandardCharsets.UTF_8), handshakeToken.getBytes(StandardCharsets.UTF_8));
    }

    ClientAddress clientAddress() {
        return clientAddress;
    }

    /** This node's rooms. */
    Rooms rooms() {
        return rooms;
    }

    /** The cluster's state; empty on a single node. */
    public Optional<Relay.Status> cluster() {
        return rooms.cluster();
    }

    /**
     * Whether the chat accepts connections: a handshake with {@code chat}, this deployment's own {@code /chat}
     * (as {@code ws:} or {@code wss:}), until one has succeeded.
     */
    public CompletionStage<ChatProbe.Readiness> readiness(URI chat) {
        return probe.check(chat);
    }

    /** The connections each client address holds. */
    AddressAllowance allowance() {
        return allowance;
    }

    /** Runs {@code task} on a worker a moment from now (coalesced presence updates). */
    private void soon(Runnable task) {
        try {
            timer.schedule(() -> workers.execute(task), PRESENCE_DELAY_MS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // undeploying: nobody is left to tell
        }
    }

    /**
     * Runs what may block for the send timeout (a close, a ping: Tomcat sends both blocking) on the closer
     * pool, not on the thread that found it needed, which may hold a room's lock.
     */
    void later(Runnable close) {
        try {
            closer.execute(close);
        } catch (RejectedExecutionException e) { // shutting down, or 100,000 closes behind: close here
            close.run();
        }
    }

    /** The country code of {@code ip} when the lookup finds one; null for private addresses and any failure. */
    CompletionStage<String> countryOf(String ip) {
        try {
            return countryOf.apply(ip).exceptionally(failure -> null);
        } catch (RuntimeException e) { // refused before any call: not an address with a location
            return CompletableFuture.completedFuture(null);
        }
    }

    void opened(Connection connection) {
        connections.add(connection);
    }

    void closed(Connection connection) {
        connections.remove(connection);
    }

    public int connections() {
        return connections.size();
    }

    public int roomCount() {
        return rooms.count();
    }

    /** Every second at most: idle and stuck connections are closed; every {@code GEOCHAT_CHAT_PING}, all are pinged. */
    private void heartbeat() {
        long now = System.nanoTime();
        boolean ping = now - lastPing >= config.ping().toNanos();
        if (ping) {
            lastPing = now;
        }
        long silentSince = now - config.idle().toNanos();
        long stuckSince = now - config.sendTimeout().toNanos();
        long unmarkedSince = now - config.sendTimeout().toNanos() / 2;
        connections.forEach(connection -> connection.heartbeat(silentSince, stuckSince, unmarkedSince, ping));
    }

    @Override
    public void close() {
        heartbeat.cancel(false);
        CURRENT.compareAndSet(this, null);
        connections.forEach(Connection::shutdown);
        rooms.close();
    }
}
