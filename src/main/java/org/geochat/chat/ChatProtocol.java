package org.geochat.chat;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import org.geochat.core.Jsonp;

/** The client's side of geochat.v1, read, and the error and keepalive frames; README.md documents the whole protocol. */
final class ChatProtocol {

    private ChatProtocol() {
    }

    /** The text of {@code {"type":"message","text":"..."}} if it has some; null for anything else. */
    static String messageText(String frame) {
        try {
            JsonObject message = Jsonp.PROVIDER.createReader(new StringReader(frame)).readObject();
            if ("message".equals(message.getString("type", null)) && message.get("text") instanceof JsonString text
                    && !text.getString().isBlank()) {
                return text.getString();
            }
        } catch (JsonException | IllegalStateException e) {
            // not a JSON object
        }
        return null;
    }

    static Outbox.Frame error(String code, String message) {
        return Outbox.Frame.text(Jsonp.PROVIDER.createObjectBuilder().add("type", "error").add("code", code).add("message", message)
                .build().toString());
    }

    /**
     * Sent with every ping, so a page (which never sees pings) can tell a connection that went silent (one whose
     * close frame is stuck behind a write that never completes, or a dead network path) and reconnect.
     */
    static Outbox.Frame keepalive(long everyMs) {
        return Outbox.Frame.text(Jsonp.PROVIDER.createObjectBuilder().add("type", "keepalive").add("everyMs", everyMs).build().toString());
    }
}
