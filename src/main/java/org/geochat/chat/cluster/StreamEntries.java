package org.geochat.chat.cluster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.geochat.chat.ChatEvent;

/**
 * A chat event as a stream entry: id {@code 0-N} and the fields {@code type}, {@code nick}, {@code ms} (epoch
 * milliseconds), {@code ref} and, when known, {@code ip}, {@code country} and {@code text}; cluster.lua adds
 * {@code epoch}, the stream's (a stream made anew, by a Redis that lost it, begins another).
 */
final class StreamEntries {

    /** The field cluster.lua writes each entry's epoch in. */
    static final String EPOCH = "epoch";

    private static final Logger LOG = Logger.getLogger(StreamEntries.class.getName());

    private StreamEntries() {}

    /** The fields of an event, as name, value, name, value... */
    static List<String> fields(ChatEvent event) {
        List<String> fields = new ArrayList<>(List.of(
                "type",
                event.type().wire(),
                "nick",
                event.nick(),
                "ms",
                Long.toString(event.time().toEpochMilli())));
        addIfPresent(fields, "ip", event.ip());
        addIfPresent(fields, "country", event.country());
        addIfPresent(fields, "text", event.text());
        addIfPresent(fields, "ref", event.ref());
        return fields;
    }

    /** N of an entry id {@code 0-N}. */
    static long id(String entryId) {
        return Long.parseLong(entryId.substring(entryId.indexOf('-') + 1));
    }

    /** The event an entry holds; empty (and logged) for an entry geochat did not write. */
    static Optional<ChatEvent> event(String room, long id, Map<String, String> fields) {
        try {
            return Optional.of(ChatEvent.of(
                    ChatEvent.Type.ofWire(fields.get("type")),
                    id,
                    fields.get(EPOCH),
                    room,
                    required(fields, "nick"),
                    fields.get("ip"),
                    fields.get("country"),
                    Instant.ofEpochMilli(Long.parseLong(required(fields, "ms"))),
                    fields.get("text"),
                    fields.get("ref")));
        } catch (RuntimeException e) {
            LOG.warning(
                    "skipping entry 0-" + id + " of room " + room + ": not a geochat event (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    private static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no " + name);
        }
        return value;
    }

    private static void addIfPresent(List<String> fields, String name, String value) {
        if (value != null) {
            fields.add(name);
            fields.add(value);
        }
    }
}
