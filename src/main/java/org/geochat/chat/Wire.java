package org.geochat.chat;

import jakarta.websocket.CloseReason.CloseCode;
import java.util.function.Consumer;

/** One connection's way out: its {@link Outbox}'s transport and its close. */
interface Wire extends Outbox.Transport {

    /**
     * Sends one frame (a ping when its text is null) and calls {@code done} with the failure, or null, once it is
     * written; {@code done} may run on the calling thread.
     */
    @Override
    void send(Outbox.Frame frame, Consumer<Throwable> done);

    /** {@code reason} is one of geochat's fixed reasons, never client text. */
    void close(CloseCode code, String reason);
}
