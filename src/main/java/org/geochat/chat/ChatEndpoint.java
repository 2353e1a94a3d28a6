package org.geochat.chat;

import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One chat connection, {@code /chat/{room}}. The container makes an instance per connection, so the fields are
 * this connection's state; what connections share lives in {@link Chat} and its {@link Room}s. Every frame to
 * the client goes through {@link #outbox}. Message bodies are never logged.
 */
@ServerEndpoint(value = "/chat/{room}", subprotocols = ChatEndpoint.V1, configurator = ChatConfigurator.class)
public class ChatEndpoint implements Member {

    static final String V1 = "geochat.v1";
    static final CloseCodes SLOW_CONSUMER = CloseCodes.TRY_AGAIN_LATER;

    private static final Logger LOG = Logger.getLogger(ChatEndpoint.class.getName());
    /** How long Tomcat may block writing a close frame to a client that does not read (its default is 20 s). */
    private static final String TOMCAT_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";
    private static final Long CLOSE_SEND_TIMEOUT_MS = 2000L;

    private Chat chat;
    private Session session;
    private Outbox outbox;
    private RateLimit rate;
    private Room room;
    private String nick;
    private String address;
    private String shownIp;
    private boolean legacy;
    private volatile String country;
    private volatile long lastHeard;
    private final AtomicBoolean addressReleased = new AtomicBoolean();

    @OnOpen
    public void open(Session session, EndpointConfig config, @PathParam("room") String roomName) {
        this.chat = Chat.current();
        this.session = session;
        ChatConfig settings = chat.config();
        session.setMaxTextMessageBufferSize(settings.maxMessage());
        // Idle connections are closed by Chat's heartbeat, the same on every container. No container idle timeout:
        // Tyrus (Payara) restarts its idle timer on every send, a task scheduled on a managed executor each time.
        session.setMaxIdleTimeout(0);
        session.getUserProperties().put(TOMCAT_SEND_TIMEOUT, CLOSE_SEND_TIMEOUT_MS); // a close to a stuck client
        legacy = !V1.equals(session.getNegotiatedSubprotocol());
        outbox = new Outbox(this::send, settings.outboxFrames(), settings.outboxBytes());
        lastHeard = System.nanoTime();
        address = (String) config.getUserProperties().get(ChatConfigurator.PEER);
        if (address == null) { // the handshake bypassed ChatHandshakeFilter
            close(CloseCodes.VIOLATED_POLICY, "handshake not checked");
            return;
        }
        if (!chat.admit(address)) {
            address = null;
            close(CloseCodes.VIOLATED_POLICY, "too many connections from your address");
            return;
        }
        chat.opened(this);
        String name = roomName == null ? "lobby" : roomName;
        String requested = parameter("nick");
        if (!Chat.ROOM.matcher(name).matches()) {
            close(CloseCodes.VIOLATED_POLICY, "invalid room name");
        } else if (requested != null && !Chat.NICK.matcher(requested).matches()) {
            close(CloseCodes.VIOLATED_POLICY, "invalid nick");
        } else if ((room = chat.room(name)) == null) {
            close(CloseCodes.TRY_AGAIN_LATER, "too many rooms");
        } else {
            rate = settings.rate() == null ? null : settings.rate().start(System.nanoTime());
            shownIp = ShownAddress.of(address, settings.showIp());
            join(requested, since(), (URI) config.getUserProperties().get(ChatConfigurator.LOOKUP_BASE));
        }
    }

    private void join(String requested, Long since, URI lookupBase) {
        nick = requested != null ? requested : chat.nextGuest();
        for (Room.Refusal refusal; (refusal = room.join(this, since)) != null; ) {
            if (refusal == Room.Refusal.RETIRED) { // made way for another room meanwhile: ask again
                String name = room.name();
                if ((room = chat.room(name)) == null) {
                    close(CloseCodes.TRY_AGAIN_LATER, "too many rooms");
                    return;
                }
            } else if (requested != null) {
                room = null;
                close(CloseCodes.VIOLATED_POLICY, "nick taken");
                return;
            } else {
                nick = chat.nextGuest();
            }
        }
        chat.countryOf(address, lookupBase).whenComplete((code, failure) -> country = code);
    }

    @OnMessage
    public void message(String text) {
        lastHeard = System.nanoTime();
        chat.meters().received();
        if (text.length() > chat.config().maxMessage()) { // Tomcat closes before this; Tyrus (Payara) does not
            close(CloseCodes.TOO_BIG, "message too long");
            return;
        }
        if (room == null) {
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
        String said = legacy ? text : ChatProtocol.messageText(text);
        if (said == null) {
            error("invalid-message", "Send {\"type\":\"message\",\"text\":\"...\"} with some text.");
        } else if (!said.isBlank()) {
            room.say(this, said);
        }
    }

    @OnMessage
    public void binary(ByteBuffer data) {
        close(CloseCodes.CANNOT_ACCEPT, "binary frames are not accepted");
    }

    @OnMessage
    public void pong(PongMessage pong) {
        lastHeard = System.nanoTime();
    }

    @OnClose
    public void closed(Session closing, CloseReason reason) {
        try {
            releaseAddress(); // first: once others see the leave, the address's place is free again
            if (room != null) {
                room.leave(this);
            }
        } finally {
            if (chat != null) {
                chat.closed(this);
            }
        }
    }

    @OnError
    public void failed(Session failing, Throwable failure) {
        LOG.log(Level.FINE, "chat connection failed: " + failure.getClass().getName()); // never the message
    }

    /**
     * Called by the heartbeat ({@link System#nanoTime} values): closes a connection silent since before
     * {@code silentSince}, or whose write in flight started before {@code stuckSince} (a client that stopped
     * reading; on Payara also a write Tyrus never resumes), else pings it when {@code ping}.
     */
    void heartbeat(long silentSince, long stuckSince, boolean ping) {
        if (lastHeard - silentSince < 0) {
            drop(CloseCodes.GOING_AWAY, "idle");
        } else if (outbox.stuckSince(stuckSince) || ping && !outbox.offer(Outbox.Frame.PING)) {
            slowConsumer();
        }
    }

    void shutdown() {
        close(CloseCodes.GOING_AWAY, "server shutting down");
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
    public boolean legacy() {
        return legacy;
    }

    int queued() {
        Outbox current = outbox;
        return current == null ? 0 : current.depth();
    }

    @Override
    public boolean deliver(Outbox.Frame frame) {
        return outbox.offer(frame);
    }

    @Override
    public void slowConsumer() {
        drop(SLOW_CONSUMER, "slow consumer");
    }

    /**
     * Leaves the room and drops the backlog at once, so no broadcast waits on this connection any more, then
     * closes it on another thread: the close frame queues behind unread ones, writing it may take the send
     * timeout, and Tomcat reports the close (and so {@link #closed}) only once the client answers it or the
     * close times out, which a client that stopped reading never does.
     */
    private void drop(CloseCodes code, String reason) {
        releaseAddress();
        Room joined = room;
        if (joined != null) {
            joined.leave(this);
        }
        outbox.fail();
        chat.later(() -> close(code, reason));
    }

    /** Gives this connection's place in its address's allowance back, once (a drop, then the close). */
    private void releaseAddress() {
        if (address != null && addressReleased.compareAndSet(false, true)) {
            chat.release(address);
        }
    }

    private void error(String code, String message) {
        if (!legacy && !outbox.offer(ChatProtocol.error(code, message))) {
            slowConsumer();
        }
    }

    /**
     * The outbox's transport. A ping is sent from the closer pool: Tomcat writes pings blocking. A failed send
     * stops the outbox; the connection is then dropped (later: this may run inside a room's lock), so the client
     * sees a close and can resume, rather than an open connection that has gone mute.
     */
    private void send(Outbox.Frame frame, Consumer<Throwable> done) {
        Consumer<Throwable> completed = failure -> {
            done.accept(failure);
            if (failure == null) {
                chat.meters().sent();
            } else {
                LOG.log(Level.FINE, "chat send failed: " + failure.getClass().getName());
                chat.later(() -> drop(CloseCodes.UNEXPECTED_CONDITION, "send failed"));
            }
        };
        if (frame.text() == null) {
            chat.later(() -> {
                try {
                    session.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
                    completed.accept(null);
                } catch (IOException | RuntimeException e) {
                    completed.accept(e);
                }
            });
            return;
        }
        try {
            session.getAsyncRemote().sendText(frame.text(), result -> completed.accept(result.isOK() ? null : result.getException()));
        } catch (RuntimeException e) { // the session closed meanwhile
            completed.accept(e);
        }
    }

    private void close(CloseCodes code, String reason) {
        chat.meters().closed(code, reason);
        try {
            session.close(new CloseReason(code, reason));
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "closing a chat connection failed", e);
        }
    }

    private String parameter(String name) {
        List<String> values = session.getRequestParameterMap().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private Long since() {
        String value = parameter("since");
        return value != null && value.matches("\\d{1,18}") ? Long.valueOf(value) : null;
    }
}
