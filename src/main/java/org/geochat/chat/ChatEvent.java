package org.geochat.chat;

import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.geochat.core.Jsonp;

/**
 * Something that happened in a room: a member joined, said something, or left. {@code id} increases per room
 * and orders the room's history; {@code ip} is already shown as the settings say, {@code country} may be null
 * (not known yet). Both wire forms are made once, when the event is, and shared by every member's outbox.
 */
record ChatEvent(Type type, long id, String room, String nick, String ip, String country, Instant time, String text,
                 Outbox.Frame json, Outbox.Frame line) {

    enum Type {
        JOIN("join", "进入聊天室"), MESSAGE("message", "说："), LEAVE("leave", "离开聊天室");

        final String wire;
        final String legacy;

        Type(String wire, String legacy) {
            this.wire = wire;
            this.legacy = legacy;
        }
    }

    /** The tutorial's timestamp: local time of the server, to the second. */
    private static final DateTimeFormatter LEGACY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    static ChatEvent of(Type type, long id, String room, String nick, String ip, String country, Instant time, String text) {
        return new ChatEvent(type, id, room, nick, ip, country, time, text,
                Outbox.Frame.text(json(type, id, room, nick, ip, country, time, text)),
                Outbox.Frame.text(line(type, ip, time, text)));
    }

    private static String json(Type type, long id, String room, String nick, String ip, String country, Instant time,
                               String text) {
        JsonObjectBuilder json = Jsonp.PROVIDER.createObjectBuilder().add("type", type.wire).add("id", id).add("room", room)
                .add("nick", nick);
        if (ip != null) {
            json.add("ip", ip);
        }
        if (country != null) {
            json.add("country", country);
        }
        json.add("time", time.toString());
        if (text != null) {
            json.add("text", text);
        }
        return json.build().toString();
    }

    /** {@code [ip]-[yyyy-MM-dd HH:mm:ss]-说：text}, exactly as the tutorial's page expects. */
    private static String line(Type type, String ip, Instant time, String text) {
        return "[" + (ip == null ? "-" : ip) + "]-[" + LEGACY_TIME.format(time) + "]-" + type.legacy
                + (text == null ? "" : text);
    }
}
