package org.geochat.chat.cluster;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.geochat.chat.ChatEvent;

/**
 * This node's events on their way to Redis, oldest first: the buffer that keeps them while Redis is unreachable.
 * Bounded: when {@code capacity} events wait, an offer is refused and nothing is kept. Each event gets the next
 * sequence number of this node; Redis remembers the last one written, so an event sent again after a broken
 * connection (written, but its reply lost) is not written twice.
 */
final class Backlog {

    /** An event waiting to be written, with the highest id its node had seen in the room when it was published. */
    static final class Entry {
        final long seq;
        final ChatEvent event;
        final long lastId;
        private boolean shown;

        private Entry(long seq, ChatEvent event, long lastId) {
            this.seq = seq;
            this.event = event;
            this.lastId = lastId;
        }
    }

    private final int capacity;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long lastSeq;

    Backlog(int capacity) {
        this.capacity = capacity;
    }

    /** Queues the event, named {@code refPrefix + seq}; null (and nothing queued) when the backlog is full. */
    synchronized Entry offer(ChatEvent event, long lastId, String refPrefix) {
        if (entries.size() >= capacity) {
            return null;
        }
        long seq = ++lastSeq;
        Entry entry = new Entry(seq, event.withRef(refPrefix + seq), lastId);
        entries.addLast(entry);
        return entry;
    }

    /** Up to {@code max} of the oldest entries, still queued until {@link #written}. */
    synchronized List<Entry> head(int max) {
        List<Entry> head = new ArrayList<>(Math.min(max, entries.size()));
        Iterator<Entry> oldest = entries.iterator();
        while (head.size() < max && oldest.hasNext()) {
            head.add(oldest.next());
        }
        return head;
    }

    /** The oldest {@code count} entries are in Redis now. */
    synchronized void written(int count) {
        for (int i = 0; i < count && !entries.isEmpty(); i++) {
            entries.removeFirst();
        }
    }

    /** The entry named {@code ref}, if still queued, is not to be shown (its numbered copy is out). */
    synchronized void markShown(String ref) {
        for (Entry entry : entries) {
            if (entry.event.ref().equals(ref)) {
                entry.shown = true;
                return;
            }
        }
    }

    /** The rooms with entries nobody has shown yet. */
    synchronized Set<String> roomsWithUnshown() {
        Set<String> rooms = new LinkedHashSet<>();
        for (Entry entry : entries) {
            if (!entry.shown) {
                rooms.add(entry.event.room());
            }
        }
        return rooms;
    }

    /** The room's entries nobody has shown yet, now marked shown, oldest first. */
    synchronized List<ChatEvent> takeUnshown(String room) {
        List<ChatEvent> unshown = new ArrayList<>();
        for (Entry entry : entries) {
            if (!entry.shown && entry.event.room().equals(room)) {
                entry.shown = true;
                unshown.add(entry.event);
            }
        }
        return unshown;
    }

    synchronized int size() {
        return entries.size();
    }
}
