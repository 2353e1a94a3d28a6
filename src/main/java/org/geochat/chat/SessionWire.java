package org.geochat.chat;

import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCode;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@link Wire} over a container's session, set up so both containers behave alike. Never logs a frame's text.
 */
final class SessionWire implements Wire {

    private static final Logger LOG = Logger.getLogger(SessionWire.class.getName());
    /**
     * How long Tomcat may block writing a ping or a close frame with code 1000 (its default is 20 s), after which
     * it closes the session itself: the send timeout, since a ping waits for room in the socket, and a client that
     * lags but reads makes room within it...
     */
    private static final String TOMCAT_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";
    /**
     * ...and a close frame with any other code (its default is 50 ms, counting the wait for a send in flight: on a
     * busy machine a policy close then went out as no close frame at all, which the client sees as 1006).
     */
    private static final String TOMCAT_ABNORMAL_CLOSE_TIMEOUT =
            "org.apache.tomcat.websocket.ABNORMAL_SESSION_CLOSE_SEND_TIMEOUT";

    private static final Long CLOSE_SEND_TIMEOUT_MS = 2000L;

    private final Session session;
    private final Executor blocking;

    /**
     * @param sendTimeout how long a ping may wait for room in the socket
     * @param blocking runs what the container does blocking (Tomcat sends pings blocking)
     */
    SessionWire(Session session, Duration sendTimeout, Executor blocking) {
        this.session = session;
        this.blocking = blocking;
        // Idle connections are closed by Chat's heartbeat, the same on every container. No container idle timeout:
        // Tyrus (Payara) restarts its idle timer on every send, a task scheduled on a managed executor each time.
        session.setMaxIdleTimeout(0);
        session.getUserProperties().put(TOMCAT_SEND_TIMEOUT, sendTimeout.toMillis());
        session.getUserProperties().put(TOMCAT_ABNORMAL_CLOSE_TIMEOUT, CLOSE_SEND_TIMEOUT_MS);
    }

    @Override
    public void send(Outbox.Frame frame, Consumer<Throwable> done) {
        if (frame.isPing()) {
            blocking.execute(() -> {
                try {
                    session.getAsyncRemote()
                            .sendPing(ByteBuffer.allocate(Receipts.MARK_BYTES).putLong(0, frame.mark()));
                    done.accept(null);
                } catch (IOException | RuntimeException e) {
                    done.accept(e);
                }
            });
            return;
        }
        try {
            session.getAsyncRemote()
                    .sendText(frame.text(), result -> done.accept(result.isOK() ? null : result.getException()));
        } catch (RuntimeException e) { // the session closed meanwhile
            done.accept(e);
        }
    }

    @Override
    public void close(CloseCode code, String reason) {
        try {
            session.close(new CloseReason(code, reason));
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "closing a chat connection failed", e);
        }
    }
}
