package org.geochat.chat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.geochat.chat.ChatEvent;
import org.junit.jupiter.api.Test;

class BacklogTest {

    private static ChatEvent said(String text) {
        return ChatEvent.of(ChatEvent.Type.MESSAGE, 0, null, "lobby", "ann", null, null, Instant.EPOCH, text, null);
    }

    private static List<String> texts(List<Backlog.Entry> entries) {
        return entries.stream().map(entry -> entry.event.text()).toList();
    }

    @Test
    void entriesLeaveOldestFirstAndOnlyOnceWritten() {
        Backlog backlog = new Backlog(10);
        for (int i = 1; i <= 5; i++) {
            backlog.offer(said("m" + i), 0, "node-");
        }
        assertEquals(List.of("m1", "m2", "m3"), texts(backlog.head(3)));
        assertEquals(List.of("m1", "m2", "m3"), texts(backlog.head(3)), "looking takes nothing away");
        backlog.written(2); // the third failed: it is sent again, first
        assertEquals(List.of("m3", "m4", "m5"), texts(backlog.head(10)));
        assertEquals(3, backlog.size());
    }

    @Test
    void atCapacityAnOfferIsRefusedAndNothingQueuedUntilThereIsRoom() {
        Backlog backlog = new Backlog(2);
        backlog.offer(said("a"), 0, "n-");
        backlog.offer(said("b"), 0, "n-");
        assertNull(backlog.offer(said("c"), 0, "n-"));
        assertEquals(List.of("a", "b"), texts(backlog.head(10)));
        backlog.written(1);
        assertEquals("d", backlog.offer(said("d"), 0, "n-").event.text());
    }

    @Test
    void eachEventIsNamedByItsNodeAndARisingSequenceNumber() {
        Backlog backlog = new Backlog(10);
        Backlog.Entry first = backlog.offer(said("a"), 7, "n1-");
        Backlog.Entry second = backlog.offer(said("b"), 7, "n1-");
        assertEquals("n1-1", first.event.ref());
        assertEquals("n1-2", second.event.ref());
        assertTrue(second.seq > first.seq);
        assertEquals(7, first.lastId);
    }

    @Test
    void eachRoomsUnshownEntriesAreTakenOnceInTheirOrder() {
        Backlog backlog = new Backlog(10);
        backlog.offer(said("a1"), 0, "n-");
        backlog.offer(
                ChatEvent.of(ChatEvent.Type.MESSAGE, 0, null, "other", "bob", null, null, Instant.EPOCH, "b1", null),
                0,
                "n-");
        backlog.offer(said("a2"), 0, "n-");
        assertEquals(java.util.Set.of("lobby", "other"), backlog.roomsWithUnshown());
        assertEquals(
                List.of("a1", "a2"),
                backlog.takeUnshown("lobby").stream().map(ChatEvent::text).toList());
        assertEquals(List.of(), backlog.takeUnshown("lobby"));
        assertEquals(java.util.Set.of("other"), backlog.roomsWithUnshown());
        backlog.offer(said("a3"), 0, "n-");
        assertEquals(
                List.of("a3"),
                backlog.takeUnshown("lobby").stream().map(ChatEvent::text).toList());
        assertEquals(4, backlog.size(), "shown or not, each waits until written");
    }

    @Test
    void anEntryWhoseNumberedCopyCameBackIsNotShownAsPending() {
        Backlog backlog = new Backlog(10);
        Backlog.Entry first = backlog.offer(said("a1"), 0, "n-");
        backlog.offer(said("a2"), 0, "n-");
        backlog.markShown(first.event.ref());
        assertEquals(
                List.of("a2"),
                backlog.takeUnshown("lobby").stream().map(ChatEvent::text).toList());
        assertEquals(2, backlog.size(), "still waiting for Redis to confirm it");
    }
}
