package org.geochat.chat;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.geochat.core.JsonInput;
import org.geochat.core.Jsonp;

/**
 * The client's side of geochat.v1, read, and the frames the server sends besides events (which {@link ChatEvent}
 * writes); README.md documents the whole protocol.
 */
final class ChatProtocol {

    private ChatProtocol() {
    }

    /**
     * The text of {@code {"type":"message","text":"..."}} if it has some and it is Unicode text (no stray surrogate:
     * see {@link UnicodeText}); null for anything else, however malformed (deep nesting, more after the object).
     */
    static String messageText(String frame) {
        JsonValue message;
        try {
            message = JsonInput.read(frame);
        } catch (JsonInput.Malformed e) {
            return null;
        }
        if (message instanceof JsonObject object && object.get("type") instanceof JsonString type
                && "message".equals(type.getString()) && object.get("text") instanceof JsonString text
                && !text.getString().isBlank() && UnicodeText.isWellFormed(text.getString())) {
            return text.getString();
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
        return Outbox.Frame.text(Jsonp.PROVIDER.createObjectBuilder().add("type", "gap").add("missed", missed)
                .add("recovered", true).build().toString());
    }

    /**
     * The client's position ({@code since} and {@code epoch}) is not one of the room's current id sequence: what
     * follows is the whole kept history, not a continuation of what the client saw.
     */
    static Outbox.Frame notRecovered() {
        return Outbox.Frame.text(Jsonp.PROVIDER.createObjectBuilder().add("type", "gap").add("recovered", false).build().toString());
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
