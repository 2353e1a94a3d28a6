package org.geochat.chat;

import java.util.ArrayDeque;
import java.util.List;
import java.util.TreeMap;

/**
 * A room's recent events, oldest first, the highest event id it has seen and the epoch of its id sequence (that
 * of the newest event, or the one the room began with). Guarded by its room's lock.
 */
final class History {

    /**
     * What a joiner resuming after an id gets: the kept events after it and how many after it are no longer kept;
     * or, when its position is not one of this sequence ({@code recovered} false), every kept event.
     */
    record Replay(List<ChatEvent> events, long missed, boolean recovered) {}

    private final int size;
    private final ArrayDeque<ChatEvent> events = new ArrayDeque<>();
    private long lastId;
    private String epoch;

    History(int size) {
        this.size = size;
    }

    long lastId() {
        return lastId;
    }

    String epoch() {
        return epoch;
    }

    /** The sequence a room begins in before any event has told it (a cluster's room whose stream is empty has none). */
    void begin(String firstEpoch) {
        if (epoch == null) {
            epoch = firstEpoch;
        }
    }

    /** Keeps an event (the oldest goes when full) and counts its id, and its epoch, as the newest seen. */
    void remember(ChatEvent event) {
        if (event.id() >= lastId) {
            lastId = event.id();
            epoch = event.epoch() != null ? event.epoch() : epoch;
        }
        if (size > 0) {
            if (events.size() == size) {
                events.removeFirst();
            }
            events.addLast(event);
        }
    }

    /** Adds events read elsewhere (a cluster's stream) to those kept: in id order, each once. */
    void merge(List<ChatEvent> recent) {
        TreeMap<Long, ChatEvent> known = new TreeMap<>();
        recent.forEach(event -> known.put(event.id(), event));
        events.forEach(event -> known.put(event.id(), event));
        events.clear();
        known.values().forEach(this::remember);
    }

    /**
     * All kept events when {@code resume} is null. Else, when its epoch is this sequence's and its id not beyond the
     * newest, those after it and how many after it are gone; otherwise the position belongs to another sequence (a
     * restarted node, a room made anew, a client's mistake): every kept event, not recovered.
     */
    Replay after(Resume resume) {
        if (resume == null) {
            return new Replay(List.copyOf(events), 0, true);
        }
        if (epoch == null || !epoch.equals(resume.epoch()) || resume.since() > lastId) {
            return new Replay(List.copyOf(events), 0, false);
        }
        List<ChatEvent> replayed =
                events.stream().filter(e -> e.id() > resume.since()).toList();
        long firstKept = events.isEmpty() ? lastId + 1 : events.getFirst().id();
        return new Replay(replayed, Math.max(0, firstKept - 1 - resume.since()), true);
    }
}
