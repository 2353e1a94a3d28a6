package org.geochat.chat;

import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.DecodeException;
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
import java.util.concurrent.atomic.AtomicBoolean;
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

    private Chat chat;
    private Session session;
    private Wire wire;
    private Outbox outbox;
    private RateLimit rate;
    private volatile Room room;
    private volatile String nick;
    private volatile boolean joined;
    private volatile boolean closed;
    private String address;
    private String shownIp;
    private boolean legacy;
    private volatile String country;
    private volatile long lastHeard;
    private final AtomicBoolean addressReleased = new AtomicBoolean();
    private final AtomicBoolean dropped = new AtomicBoolean();

    @OnOpen
    public void open(Session session, EndpointConfig config, @PathParam("room") String roomName) {
        this.chat = Chat.current();
        this.session = session;
        if (Boolean.TRUE.equals(config.getUserProperties().get(ChatConfigurator.PROBE))) {
            new Wire(session, chat, () -> { }).close(CloseCodes.NORMAL_CLOSURE, "ready"); // ChatProbe: the chat answers
            return;
        }
        ChatConfig settings = chat.config();
        wire = new Wire(session, chat, () -> drop(CloseCodes.UNEXPECTED_CONDITION, "send failed"));
        legacy = !V1.equals(session.getNegotiatedSubprotocol());
        outbox = new Outbox(wire::send, settings.outboxFrames(), settings.outboxBytes());
        lastHeard = System.nanoTime();
        address = (String) config.getUserProperties().get(ChatConfigurator.PEER);
        if (address == null) { // the handshake bypassed ChatHandshakeFilter
            close(CloseCodes.VIOLATED_POLICY, "handshake not checked");
            return;
        }
        if (!chat.allowance().take(address)) {
            address = null;
            close(CloseCodes.VIOLATED_POLICY, "too many connections from your address");
            return;
        }
        chat.opened(this);
        JoinRequest request;
        try {
            request = JoinRequest.parse(roomName, session.getRequestParameterMap());
        } catch (JoinRequest.Refused e) {
            close(CloseCodes.VIOLATED_POLICY, e.getMessage());
            return;
        }
        if ((room = chat.rooms().room(request.room())) == null) {
            close(CloseCodes.TRY_AGAIN_LATER, "too many rooms");
        } else {
            rate = settings.rate() == null ? null : settings.rate().start(System.nanoTime());
            shownIp = ShownAddress.of(address, settings.showIp());
            join(request.nick(), request.resume(), (URI) config.getUserProperties().get(ChatConfigurator.LOOKUP_BASE));
        }
    }

    private void join(String requested, Resume resume, URI lookupBase) {
        nick = requested != null ? requested : chat.nextGuest();
        chat.rooms().join(room, this, resume).whenComplete((refusal, failure) -> {
            if (failure != null) {
                LOG.log(Level.WARNING, "joining a chat room failed", failure);
                close(CloseCodes.UNEXPECTED_CONDITION, "join failed");
            } else if (refusal == Room.Refusal.RETIRED) { // made way for another room meanwhile: ask again
                if ((room = chat.rooms().room(room.name())) == null) {
                    close(CloseCodes.TRY_AGAIN_LATER, "too many rooms");
                } else {
                    join(requested, resume, lookupBase);
                }
            } else if (refusal == Room.Refusal.NICK_TAKEN && requested != null) {
                room = null;
                close(CloseCodes.VIOLATED_POLICY, "nick taken");
            } else if (refusal == Room.Refusal.NICK_TAKEN) {
                join(null, resume, lookupBase);
            } else {
                joined(lookupBase);
            }
        });
    }

    /** In a cluster the join completes later, on another thread, and the connection may have closed meanwhile. */
    private void joined(URI lookupBase) {
        if (closed) {
            room.leave(this);
            return;
        }
        if (!legacy) {
            deliver(chat.keepalive()); // tells the page the period at once, before the first ping
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
        if (!UnicodeText.isWellFormed(text)) { // Tyrus decodes a surrogate's 3 bytes (CESU-8) that Tomcat refuses with 1007
            close(CloseCodes.NOT_CONSISTENT, "text is not UTF-8");
            return;
        }
        if (!joined) {
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
        String said = legacy ? text : ChatProtocol.messageText(text);
        if (said == null) {
            error("invalid-message", "Send {\"type\":\"message\",\"text\":\"...\"} with some text.");
        } else if (!said.isBlank() && !room.say(this, said)) {
            error("chat-unavailable", "The other chat nodes are out of reach and too much is waiting for them; not sent.");
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
        closed = true;
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

    /** A client going away is routine; anything else thrown from this endpoint is a bug, logged with its trace. */
    @OnError
    public void failed(Session failing, Throwable failure) {
        if (failure instanceof IOException || failure instanceof DecodeException) {
            LOG.log(Level.FINE, "chat connection failed: " + failure.getClass().getName()); // never the message
        } else {
            LOG.log(Level.WARNING, "chat endpoint failed", failure);
        }
    }

    /**
     * Called by the heartbeat ({@link System#nanoTime} values): closes a connection silent since before
     * {@code silentSince}, or whose write in flight started before {@code stuckSince} (a client that stopped
     * reading), else pings it when {@code ping} (and sends a geochat.v1 client the keepalive frame its page watches).
     */
    void heartbeat(long silentSince, long stuckSince, boolean ping) {
        if (lastHeard - silentSince < 0) {
            drop(CloseCodes.GOING_AWAY, "idle");
        } else if (outbox.stuckSince(stuckSince) || ping && !(outbox.offer(Outbox.Frame.PING)
                && (legacy || outbox.offer(chat.keepalive())))) {
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
    public void admitted() {
        joined = true;
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
        if (!dropped.compareAndSet(false, true)) {
            return; // a failed outbox refuses every later frame; one drop is enough
        }
        chat.meters().closed(code, reason); // counted before the leave goes out, so whoever sees the leave sees the count
        releaseAddress();
        Room current = room;
        if (current != null) {
            current.leave(this);
        }
        outbox.fail();
        chat.later(() -> wire.close(code, reason));
    }

    /** Gives this connection's place in its address's allowance back, once (a drop, then the close). */
    private void releaseAddress() {
        if (address != null && addressReleased.compareAndSet(false, true)) {
            chat.allowance().giveBack(address);
        }
    }

    private void error(String code, String message) {
        if (!legacy && !outbox.offer(ChatProtocol.error(code, message))) {
            slowConsumer();
        }
    }

    private void close(CloseCodes code, String reason) {
        chat.meters().closed(code, reason);
        wire.close(code, reason);
    }
}
