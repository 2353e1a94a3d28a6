package org.geochat.chat;

import java.util.ArrayDeque;
import java.util.List;
import java.util.TreeMap;

/** A room's recent events, oldest first, and the highest event id it has seen. Guarded by its room's lock. */
final class History {

    /** What a joiner resuming after an id gets: the kept events after it, and how many after it are no longer kept. */
    record Replay(List<ChatEvent> events, long missed) {
    }

    private final int size;
    private final ArrayDeque<ChatEvent> events = new ArrayDeque<>();
    private long lastId;

    History(int size) {
        this.size = size;
    }

    long lastId() {
        return lastId;
    }

    /** Keeps an event (the oldest goes when full) and counts its id as seen. */
    void remember(ChatEvent event) {
        lastId = Math.max(lastId, event.id());
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

    /** All kept events when {@code since} is null, else those after it and how many after it are gone. */
    Replay after(Long since) {
        List<ChatEvent> replayed = events.stream().filter(e -> since == null || e.id() > since).toList();
        long missed = 0;
        if (since != null) {
            long firstKept = events.isEmpty() ? lastId + 1 : events.getFirst().id();
            missed = Math.max(0, firstKept - 1 - since);
        }
        return new Replay(replayed, missed);
    }
}
