package org.geochat.chat;

import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One connection's way out: its {@link Outbox}'s transport and its close, over the container's session, set up
 * so both containers behave alike. Never logs a frame's text.
 */
final class Wire {

    private static final Logger LOG = Logger.getLogger(Wire.class.getName());
    /** How long Tomcat may block writing a close frame with code 1000 (its default is 20 s)... */
    private static final String TOMCAT_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";
    /**
     * ...and with any other code (its default is 50 ms, counting the wait for a send in flight: on a busy
     * machine a policy close then went out as no close frame at all, which the client sees as 1006).
     */
    private static final String TOMCAT_ABNORMAL_CLOSE_TIMEOUT = "org.apache.tomcat.websocket.ABNORMAL_SESSION_CLOSE_SEND_TIMEOUT";
    private static final Long CLOSE_SEND_TIMEOUT_MS = 2000L;

    private final Session session;
    private final Chat chat;
    private final Runnable onFailure;

    /** @param onFailure run (from the closer pool) once a send has failed: the connection is beyond use */
    Wire(Session session, Chat chat, Runnable onFailure) {
        this.session = session;
        this.chat = chat;
        this.onFailure = onFailure;
        session.setMaxTextMessageBufferSize(chat.config().maxMessage());
        // Idle connections are closed by Chat's heartbeat, the same on every container. No container idle timeout:
        // Tyrus (Payara) restarts its idle timer on every send, a task scheduled on a managed executor each time.
        session.setMaxIdleTimeout(0);
        session.getUserProperties().put(TOMCAT_SEND_TIMEOUT, CLOSE_SEND_TIMEOUT_MS); // a close to a stuck client
        session.getUserProperties().put(TOMCAT_ABNORMAL_CLOSE_TIMEOUT, CLOSE_SEND_TIMEOUT_MS);
    }

    /**
     * The outbox's transport. A ping is sent from the closer pool: Tomcat writes pings blocking. A failed send
     * stops the outbox and then drops the connection (later: this may run inside a room's lock), so the client
     * sees a close and can resume, rather than an open connection that has gone mute.
     */
    void send(Outbox.Frame frame, Consumer<Throwable> done) {
        Consumer<Throwable> completed = failure -> {
            done.accept(failure);
            if (failure == null) {
                chat.meters().sent();
            } else {
                LOG.log(Level.FINE, "chat send failed: " + failure.getClass().getName());
                chat.later(onFailure);
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

    /** {@code reason} is one of the endpoint's fixed reasons, never client text. */
    void close(CloseCodes code, String reason) {
        try {
            session.close(new CloseReason(code, reason));
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "closing a chat connection failed", e);
        }
    }
}
