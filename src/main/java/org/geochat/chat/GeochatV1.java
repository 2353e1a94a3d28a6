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
 * geochat.v1: JSON frames both ways, events with ids and epochs, presence lists, gaps, errors and keepalives
 * (the events' own JSON {@link ChatEvent} writes); README.md documents the whole protocol.
 */
final class GeochatV1 implements Dialect {

    /** The subprotocol a client asks for to speak it. */
    static final String NAME = "geochat.v1";

    /**
     * The client's position ({@code since} and {@code epoch}) is not one of the room's current id sequence: what
     * follows is the whole kept history, not a continuation of what the client saw.
     */
    private static final Outbox.Frame NOT_RECOVERED = Outbox.Frame.text(Jsonp.PROVIDER
            .createObjectBuilder()
            .add("type", "gap")
            .add("recovered", false)
            .build()
            .toString());

    private final Outbox.Frame keepalive;

    /** @param pingMs how often the server pings, which the keepalive frame tells the page */
    GeochatV1(long pingMs) {
        this.keepalive = Outbox.Frame.text(Jsonp.PROVIDER
                .createObjectBuilder()
                .add("type", "keepalive")
                .add("everyMs", pingMs)
                .build()
                .toString());
    }

    @Override
    public Outbox.Frame event(ChatEvent event, boolean shownBefore) {
        return event.json(); // the numbered copy replaces the pending one on the page
    }

    @Override
    public Outbox.Frame gap(long missed) {
        return missed > 0 ? gapFrame(missed) : null;
    }

    /** A gap frame first when some of what the joiner asked for is no longer kept, or its position is not known. */
    @Override
    public List<Outbox.Frame> history(History.Replay replay) {
        Outbox.Frame events = Outbox.Frame.text("{\"type\":\"history\",\"messages\":["
                + replay.events().stream().map(e -> e.json().text()).collect(Collectors.joining(",")) + "]}");
        Outbox.Frame gap = !replay.recovered() ? NOT_RECOVERED : gap(replay.missed());
        return gap == null ? List.of(events) : List.of(gap, events);
    }

    @Override
    public Outbox.Frame presence(Presence presence) {
        return presence.v1Frame();
    }

    /**
     * Sent with every ping, so a page (which never sees pings) can tell a connection that went silent (one whose
     * close frame is stuck behind a write that never completes, or a dead network path) and reconnect.
     */
    @Override
    public Outbox.Frame keepalive() {
        return keepalive;
    }

    @Override
    public String said(String frame) {
        return messageText(frame);
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
        if (message instanceof JsonObject object
                && object.get("type") instanceof JsonString type
                && "message".equals(type.getString())
                && object.get("text") instanceof JsonString text
                && !text.getString().isBlank()
                && UnicodeText.isWellFormed(text.getString())) {
            return text.getString();
        }
        return null;
    }

    @Override
    public Outbox.Frame error(String code, String message) {
        return Outbox.Frame.text(Jsonp.PROVIDER
                .createObjectBuilder()
                .add("type", "error")
                .add("code", code)
                .add("message", message)
                .build()
                .toString());
    }

    /** Some events are gone: {@code missed} ids between what the client saw and what it gets next. */
    private static Outbox.Frame gapFrame(long missed) {
        return Outbox.Frame.text(Jsonp.PROVIDER
                .createObjectBuilder()
                .add("type", "gap")
                .add("missed", missed)
                .add("recovered", true)
                .build()
                .toString());
    }

    static Outbox.Frame presenceFrame(Collection<String> users) {
        JsonArrayBuilder list = Jsonp.PROVIDER.createArrayBuilder();
        users.forEach(list::add);
        return Outbox.Frame.text(Jsonp.PROVIDER
                .createObjectBuilder()
                .add("type", "presence")
                .add("users", list)
                .build()
                .toString());
    }
}
