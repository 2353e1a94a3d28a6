package org.geochat.chat;

import jakarta.websocket.CloseReason.CloseCode;
import jakarta.websocket.CloseReason.CloseCodes;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One chat connection's state and rules, whatever container carries it: the handshake's checks, the join, the
 * message pipeline (size, text, joined, rate, dialect, say), the heartbeat's verdicts, and the drop. Every frame
 * to the client goes through its {@link Outbox}, every close through its {@link Wire}. Message bodies are never
 * logged. A little over this code base's usual size, as the one place a connection's rules are read in order.
 */
final class Connection implements Member {

    static final CloseCodes SLOW_CONSUMER = CloseCodes.TRY_AGAIN_LATER;

    private static final Logger LOG = Logger.getLogger(Connection.class.getName());

    private final Chat chat;
    private final Wire wire;
    private final Handshake handshake;
    private final Dialect dialect;
    private final Outbox outbox;
    private final MessageParts parts;
    private final AtomicBoolean dropped = new AtomicBoolean();
    /** This connection's place in its address's allowance; null until it has one. */
    private volatile AddressAllowance.Place place;

    private String shownIp;
    private RateLimit rate;
    private volatile Room room;
    private volatile String nick;
    private volatile boolean closed;
    private volatile String country;
    private volatile long lastHeard = System.nanoTime();

    /** A connection the container just accepted; nothing happens until {@link #open}. */
    Connection(Chat chat, Wire wire, Handshake handshake) {
        this.chat = chat;
        this.wire = wire;
        this.handshake = handshake;
        this.dialect = chat.dialect(handshake.subprotocol());
        this.parts = new MessageParts(chat.config().maxMessage());
        this.outbox = new Outbox(
                this::transmit, chat.config().outboxFrames(), chat.config().outboxBytes());
    }

    /**
     * Closes at once when the handshake was not checked, the address holds too many connections, or the room,
     * nick, {@code since} or {@code epoch} asked for cannot be had; else joins. The container may report such a
     * close to {@link #closed} before this returns.
     */
    void open() {
        if (handshake.probe()) {
            wire.close(CloseCodes.NORMAL_CLOSURE, "ready"); // ChatProbe: the chat answers
        } else {
            admit();
        }
    }

    private void admit() {
        if (handshake.peer() == null) { // the handshake bypassed ChatHandshakeFilter
            close(CloseCodes.VIOLATED_POLICY, "handshake not checked");
            return;
        }
        place = chat.allowance().take(handshake.peer());
        if (place == null) {
            close(CloseCodes.VIOLATED_POLICY, "too many connections from your address");
            return;
        }
        chat.opened(this);
        JoinRequest request;
        try {
            request = JoinRequest.parse(handshake.room(), handshake.parameters());
        } catch (JoinRequest.Refused e) {
            close(CloseCodes.VIOLATED_POLICY, e.getMessage());
            return;
        }
        ChatConfig config = chat.config();
        rate = config.rate() == null ? null : config.rate().start(System.nanoTime());
        shownIp = ShownAddress.of(handshake.peer(), config.showIp());
        chat.rooms()
                .join(request.room(), this, request.nick(), request.resume())
                .whenComplete((joined, failure) -> {
                    if (failure != null) {
                        LOG.log(Level.WARNING, "joining a chat room failed", failure);
                        close(CloseCodes.UNEXPECTED_CONDITION, "join failed");
                    } else if (joined == Rooms.Joined.TOO_MANY_ROOMS) {
                        close(CloseCodes.TRY_AGAIN_LATER, "too many rooms");
                    } else if (joined == Rooms.Joined.NICK_TAKEN) {
                        close(CloseCodes.VIOLATED_POLICY, "nick taken");
                    } else if (closed) { // a cluster's join completes later, on another thread: closed meanwhile
                        room.leave(this);
                    } else {
                        deliver(dialect.keepalive()); // tells the page the period at once, before the first ping
                        chat.countryOf(handshake.peer()).whenComplete((code, unknown) -> country = code);
                    }
                });
    }

    /** Part of a text message from the client. */
    void received(String part, boolean last) {
        String whole = parts.add(part, last);
        if (whole != null) {
            received(whole);
        }
    }

    /** A text message from the client. */
    void received(String text) {
        lastHeard = System.nanoTime();
        chat.meters().received();
        if (text.length() > chat.config().maxMessage()) {
            close(CloseCodes.TOO_BIG, "message too long");
            return;
        }
        if (!UnicodeText.isWellFormed(
                text)) { // Tyrus decodes a surrogate's 3 bytes (CESU-8) that Tomcat refuses with 1007
            close(CloseCodes.NOT_CONSISTENT, "text is not UTF-8");
            return;
        }
        Room current = room;
        if (current == null) {
            error("not-joined", "Wait for your join before sending.");
            return;
        }
        RateLimit.Verdict verdict = rate == null ? RateLimit.Verdict.ALLOWED : rate.take(System.nanoTime());
        if (verdict == RateLimit.Verdict.ABUSIVE) {
            close(CloseCodes.VIOLATED_POLICY, "too many messages");
            return;
        }
        if (verdict == RateLimit.Verdict.REFUSED) {
            error("rate-limited", "Too many messages; this one was not sent. Slow down.");
            return;
        }
        String said = dialect.said(text);
        if (said == null) {
            error("invalid-message", "Send {\"type\":\"message\",\"text\":\"...\"} with some text.");
        } else if (!said.isBlank() && !current.say(this, said)) {
            error(
                    "chat-unavailable",
                    "The other chat nodes are out of reach and too much is waiting for them; not sent.");
        }
    }

    void receivedBinary() {
        close(CloseCodes.CANNOT_ACCEPT, "binary frames are not accepted");
    }

    /** A pong: the client is there, and has read what its payload confirms. */
    void heard(ByteBuffer pong) {
        lastHeard = System.nanoTime();
        outbox.confirmed(pong);
    }

    /** The container reports the connection closed: it leaves its room, and its address's place is free again. */
    void closed() {
        closed = true;
        try {
            releaseAddress(); // first: once others see the leave, the address's place is free again
            Room current = room;
            if (current != null) {
                current.leave(this);
            }
        } finally {
            chat.closed(this);
        }
    }

    /**
     * Called by the heartbeat ({@link System#nanoTime} values): closes a connection silent since before
     * {@code silentSince}, or that has not read what it was sent before {@code stuckSince} (it stopped reading),
     * else pings it: when {@code ping}, with the dialect's keepalive frame (which the page watches), and when text
     * sent before {@code unmarkedSince} still awaits a ping that asks the client to confirm it.
     */
    void heartbeat(long silentSince, long stuckSince, long unmarkedSince, boolean ping) {
        if (lastHeard - silentSince < 0) {
            drop(CloseCodes.GOING_AWAY, "idle");
        } else if (outbox.stuckSince(stuckSince) || !pinged(ping, unmarkedSince)) {
            slowConsumer();
        }
    }

    /** False when the outbox refused the ping. */
    private boolean pinged(boolean ping, long unmarkedSince) {
        if (ping) {
            return outbox.offer(Outbox.Frame.PING) && deliver(dialect.keepalive());
        }
        return !outbox.unmarkedSince(unmarkedSince) || outbox.offer(Outbox.Frame.PING);
    }

    void shutdown() {
        close(CloseCodes.GOING_AWAY, "server shutting down");
    }

    int queued() {
        return outbox.depth();
    }

    @Override
    public String nick() {
        return nick;
    }

    @Override
    public String ip() {
        return shownIp;
    }

    @Override
    public String country() {
        return country;
    }

    @Override
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public void admitted(Room joined, String as) {
        nick = as;
        room = joined;
    }

    @Override
    public boolean deliver(Outbox.Frame frame) {
        return frame == null || outbox.offer(frame);
    }

    @Override
    public void slowConsumer() {
        drop(SLOW_CONSUMER, "slow consumer");
    }

    /**
     * The outbox's transport. A failed send stops the outbox and then drops the connection (later: this may run
     * inside a room's lock), so the client sees a close and can resume, rather than an open connection gone mute.
     */
    private void transmit(Outbox.Frame frame, Consumer<Throwable> done) {
        wire.send(frame, failure -> {
            done.accept(failure);
            if (failure == null) {
                chat.meters().sent();
            } else {
                LOG.log(Level.FINE, "chat send failed: " + failure.getClass().getName());
                chat.later(() -> drop(CloseCodes.UNEXPECTED_CONDITION, "send failed"));
            }
        });
    }

    /**
     * Leaves the room and drops the backlog at once, so no broadcast waits on this connection any more, then
     * closes it on another thread: the close frame queues behind unread ones, writing it may take the send
     * timeout, and Tomcat reports the close (and so {@link #closed}) only once the client answers it or the
     * close times out, which a client that stopped reading never does.
     */
    private void drop(CloseCode code, String reason) {
        if (!dropped.compareAndSet(false, true)) {
            return; // a failed outbox refuses every later frame; one drop is enough
        }
        chat.meters()
                .closed(code, reason); // counted before the leave goes out, so whoever sees the leave sees the count
        releaseAddress();
        Room current = room;
        if (current != null) {
            current.leave(this);
        }
        outbox.fail();
        chat.later(() -> wire.close(code, reason));
    }

    /** First on a close or drop: once others see the leave, the address's place is free again. */
    private void releaseAddress() {
        AddressAllowance.Place held = place;
        if (held != null) {
            held.giveBack();
        }
    }

    private void error(String code, String message) {
        if (!deliver(dialect.error(code, message))) {
            slowConsumer();
        }
    }

    private void close(CloseCode code, String reason) {
        chat.meters().closed(code, reason);
        wire.close(code, reason);
    }
}
