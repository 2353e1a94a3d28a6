package org.geochat.chat;

import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.geochat.core.Jsonp;

/**
 * Something that happened in a room: a member joined, said something, or left. {@code id} increases per room
 * and orders the room's history; 0 means not numbered yet: a cluster node shows its own users such an event
 * while Redis is unreachable, marked {@code "pending":true}, and the numbered copy follows once it is written.
 * {@code epoch} names the room's id sequence: ids start again from 1 only in a new epoch (a restarted node, a
 * room made anew, a Redis that lost the stream), so a client resuming after an id says which sequence it means.
 * {@code ref} names the event across nodes (null on a single node); {@code ip} is already shown as the settings
 * say, {@code country} may be null (not known yet). Both wire forms are made once, when the event is, and
 * shared by every member's outbox; every text in them is {@link UnicodeText#repaired}, so both can be sent.
 */
public record ChatEvent(
        Type type,
        long id,
        String epoch,
        String room,
        String nick,
        String ip,
        String country,
        Instant time,
        String text,
        String ref,
        Outbox.Frame json,
        Outbox.Frame line) {

    public enum Type {
        JOIN("join", "进入聊天室"),
        MESSAGE("message", "说："),
        LEAVE("leave", "离开聊天室");

        final String wire;
        final String legacy;

        Type(String wire, String legacy) {
            this.wire = wire;
            this.legacy = legacy;
        }

        /** The name on the wire (and in a cluster's stream). */
        public String wire() {
            return wire;
        }

        public static Type ofWire(String wire) {
            for (Type type : values()) {
                if (type.wire.equals(wire)) {
                    return type;
                }
            }
            throw new IllegalArgumentException("not an event type: " + wire);
        }
    }

    /** The tutorial's timestamp: local time of the server, to the second. */
    private static final DateTimeFormatter LEGACY_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    public static ChatEvent of(
            Type type,
            long id,
            String epoch,
            String room,
            String nick,
            String ip,
            String country,
            Instant time,
            String text,
            String ref) {
        return new ChatEvent(
                        type,
                        id,
                        epoch,
                        room,
                        UnicodeText.repaired(nick),
                        UnicodeText.repaired(ip),
                        UnicodeText.repaired(country),
                        time,
                        UnicodeText.repaired(text),
                        ref,
                        null,
                        null)
                .framed(null);
    }

    /** This event with its place in the room's order: id {@code newId} of the sequence {@code newEpoch}. */
    public ChatEvent numbered(long newId, String newEpoch) {
        return copy(newId, newEpoch, ref);
    }

    /** This event under a name that follows it round the cluster. */
    public ChatEvent withRef(String newRef) {
        return copy(id, epoch, newRef);
    }

    /** The tutorial's line has neither id nor ref: it is shared, only the JSON is made anew. */
    private ChatEvent copy(long newId, String newEpoch, String newRef) {
        return new ChatEvent(type, newId, newEpoch, room, nick, ip, country, time, text, newRef, null, null)
                .framed(line);
    }

    /** This event with both wire forms, the line given or made anew. */
    private ChatEvent framed(Outbox.Frame sharedLine) {
        return new ChatEvent(
                type,
                id,
                epoch,
                room,
                nick,
                ip,
                country,
                time,
                text,
                ref,
                Outbox.Frame.text(jsonText()),
                sharedLine != null ? sharedLine : Outbox.Frame.text(lineText()));
    }

    private String jsonText() {
        JsonObjectBuilder json = Jsonp.PROVIDER.createObjectBuilder().add("type", type.wire);
        if (id > 0) {
            json.add("id", id);
            if (epoch != null) {
                json.add("epoch", epoch);
            }
        } else {
            json.add("pending", true);
        }
        json.add("room", room).add("nick", nick);
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
        if (ref != null) {
            json.add("ref", ref);
        }
        return json.build().toString();
    }

    /** {@code [ip]-[yyyy-MM-dd HH:mm:ss]-说：text}, exactly as the tutorial's page expects. */
    private String lineText() {
        return "[" + (ip == null ? "-" : ip) + "]-[" + LEGACY_TIME.format(time) + "]-" + type.legacy
                + (text == null ? "" : text);
    }
}
