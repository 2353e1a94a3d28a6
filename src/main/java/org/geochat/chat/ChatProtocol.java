package org.geochat.chat;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.geochat.core.Jsonp;

/**
 * The client's side of geochat.v1, read, and the frames the server sends besides events (which {@link ChatEvent}
 * writes); README.md documents the whole protocol.
 */
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

    /** Some events are gone: {@code missed} ids between what the client saw and what it gets next. */
    static Outbox.Frame gap(long missed) {
        return Outbox.Frame.text(Jsonp.PROVIDER.createObjectBuilder().add("type", "gap").add("missed", missed).build().toString());
    }

    static Outbox.Frame presence(Collection<String> users) {
        JsonArrayBuilder list = Jsonp.PROVIDER.createArrayBuilder();
        users.forEach(list::add);
        return Outbox.Frame.text(Jsonp.PROVIDER.createObjectBuilder().add("type", "presence").add("users", list).build().toString());
    }

    /** The events' own JSON, as sent live, in one frame. */
    static Outbox.Frame history(List<ChatEvent> events) {
        return Outbox.Frame.text("{\"type\":\"history\",\"messages\":["
                + events.stream().map(e -> e.json().text()).collect(Collectors.joining(",")) + "]}");
    }
}
