package org.geochat.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoomTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    /** The coalesced presence updates the room asked to run later; the test runs them when it chooses. */
    private final List<Runnable> later = new ArrayList<>();

    /** A room on a single node, made as {@link Rooms} makes one: loaded from what its relay knows. */
    private Room room(String name, int history) {
        OneRoom sink = new OneRoom();
        LocalRelay relay = new LocalRelay(sink);
        sink.room = new Room(name, history, CLOCK, later::add, relay);
        relay.follow(name, history).thenAccept(sink.room::load);
        return sink.room;
    }

    /** The epoch of the last event {@code member} was sent. */
    private static String epochOf(Recorder member) {
        List<JsonObject> frames = member.json();
        return frames.get(frames.size() - 1).getString("epoch");
    }

    /** Where the local relay hands events back: the one room under test. */
    private static final class OneRoom implements Relay.Listener {
        Room room;

        @Override
        public void arrived(ChatEvent event) {
            room.arrived(event);
        }

        @Override
        public void kept(String name) {
            room.showKept();
        }

        @Override
        public void presence(String name, Collection<String> nicks) {
            room.presence(nicks);
        }

        @Override
        public List<String> nicksHere(String name) {
            return room.nicks();
        }
    }

    private void runLater() {
        List<Runnable> tasks = List.copyOf(later);
        later.clear();
        tasks.forEach(Runnable::run);
    }

    /** A member that records what it is given, and can be made to refuse (a full outbox). */
    private static final class Recorder implements Member {
        final String nick;
        final boolean legacy;
        final List<String> frames = new ArrayList<>();
        boolean full;
        int slowCalls;

        Recorder(String nick, boolean legacy) {
            this.nick = nick;
            this.legacy = legacy;
        }

        @Override
        public String nick() {
            return nick;
        }

        @Override
        public String ip() {
            return "203.0.113.x";
        }

        @Override
        public String country() {
            return null;
        }

        @Override
        public Dialect dialect() {
            return legacy ? PlainText.INSTANCE : new GeochatV1(25_000);
        }

        @Override
        public void admitted(Room room, String as) {
            assertEquals(nick, as);
        }

        @Override
        public boolean deliver(Outbox.Frame frame) {
            if (frame == null) {
                return true;
            }
            if (full) {
                return false;
            }
            frames.add(frame.text());
            return true;
        }

        @Override
        public void slowConsumer() {
            slowCalls++;
        }

        List<JsonObject> json() {
            return frames.stream()
                    .map(f -> Json.createReader(new StringReader(f)).readObject())
                    .toList();
        }

        List<String> types() {
            return json().stream().map(o -> o.getString("type")).toList();
        }
    }

    @Test
    void aJoinerGetsHistoryThenItsJoinThenPresence() {
        Room room = room("lobby", 10);
        Recorder ann = new Recorder("ann", false);
        assertNull(room.join(ann, ann.nick, null));
        assertEquals(List.of("history", "presence", "join"), ann.types());
        JsonObject join = ann.json().get(2);
        assertEquals(1, join.getInt("id"));
        assertEquals("2026-11-22T10:00:00Z", join.getString("time"));
        assertEquals("203.0.113.x", join.getString("ip"));
    }

    @Test
    void othersGetOnePresenceListForManyChangesALittleLater() {
        Room room = room("lobby", 10);
        Recorder ann = new Recorder("ann", false);
        room.join(ann, ann.nick, null);
        runLater();
        ann.frames.clear();
        for (String nick : List.of("bob", "cy", "di")) {
            room.join(new Recorder(nick, false), nick, null);
        }
        assertEquals(List.of("join", "join", "join"), ann.types());
        assertEquals(1, later.size());
        runLater();
        assertEquals("presence", ann.types().get(3));
        assertEquals(4, ann.json().get(3).getJsonArray("users").size());
    }

    @Test
    void aTakenNickIsRefusedAndTheRoomUnchanged() {
        Room room = room("lobby", 10);
        room.join(new Recorder("ann", false), "ann", null);
        assertEquals(Room.Refusal.NICK_TAKEN, room.join(new Recorder("ann", false), "ann", null));
        assertEquals(1, room.size());
        assertEquals(1, room.lastId());
    }

    @Test
    void idsIncreaseAndEveryoneSeesTheSameOrder() {
        Room room = room("r", 10);
        Recorder ann = new Recorder("ann", false);
        Recorder bob = new Recorder("bob", false);
        room.join(ann, ann.nick, null);
        room.join(bob, bob.nick, null);
        room.say(ann, "one");
        room.say(bob, "two");
        List<Integer> annIds = ann.json().stream()
                .filter(o -> o.containsKey("id"))
                .map(o -> o.getInt("id"))
                .toList();
        assertEquals(List.of(1, 2, 3, 4), annIds);
        List<Integer> bobIds = bob.json().stream()
                .filter(o -> "message".equals(o.getString("type")))
                .map(o -> o.getInt("id"))
                .toList();
        assertEquals(List.of(3, 4), bobIds);
    }

    @Test
    void sinceResumesAfterTheIdOrReportsWhatWasLost() {
        Room room = room("r", 3);
        Recorder ann = new Recorder("ann", false);
        room.join(ann, ann.nick, null); // 1
        for (int i = 0; i < 4; i++) {
            room.say(ann, "m" + i); // 2..5
        }
        String epoch = epochOf(ann);
        Recorder back = new Recorder("bob", false);
        room.join(back, back.nick, new Resume(4, epoch)); // kept: 3, 4, 5
        assertEquals("history", back.types().get(0));
        assertEquals(
                List.of("m3"),
                back.json().get(0).getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                        .map(o -> o.getString("text"))
                        .toList());

        Recorder gone = new Recorder("cy", false);
        room.join(gone, gone.nick, new Resume(1, epoch)); // kept now: 4, 5, 6 (bob's join); missed 2, 3
        assertEquals("gap", gone.types().get(0));
        assertEquals(2, gone.json().get(0).getInt("missed"));
        assertTrue(gone.json().get(0).getBoolean("recovered"));
        assertEquals(3, gone.json().get(1).getJsonArray("messages").size());
    }

    @Test
    void aResumeFromAnotherSequenceGetsTheWholeHistoryMarkedNotRecovered() {
        Room before = room("r", 10);
        Recorder ann = new Recorder("ann", false);
        before.join(ann, ann.nick, null);
        before.say(ann, "from before");
        String oldEpoch = epochOf(ann);
        Room after = room("r", 10); // the room made anew (a restarted node): ids start again from 1
        Recorder bob = new Recorder("bob", false);
        after.join(bob, bob.nick, null);
        after.say(bob, "one");
        after.say(bob, "two");
        assertTrue(after.lastId() >= 2, "the new sequence has reached the old one's ids");
        assertFalse(oldEpoch.equals(epochOf(bob)), "a new epoch");

        for (Resume stale : List.of(new Resume(1, oldEpoch), new Resume(1, null), new Resume(99, epochOf(bob)))) {
            Recorder back = new Recorder("ann-" + stale.since() + stale.epoch(), false);
            after.join(back, back.nick, stale);
            JsonObject gap = back.json().get(0);
            assertEquals("gap", gap.getString("type"), stale.toString());
            assertFalse(gap.getBoolean("recovered"), stale.toString());
            assertEquals(
                    List.of("join", "one", "two"),
                    back.json().get(1).getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                            .map(m -> m.getString("text", m.getString("type")))
                            .toList()
                            .subList(0, 3),
                    stale.toString());
        }
    }

    @Test
    void everyNumberedEventCarriesItsRoomsEpochAndAPendingOneNone() {
        Room room = room("r", 10);
        Recorder ann = new Recorder("ann", false);
        room.join(ann, ann.nick, null);
        room.say(ann, "hi");
        List<JsonObject> frames = ann.json();
        JsonObject join = frames.get(frames.size() - 2);
        JsonObject message = frames.get(frames.size() - 1);
        assertTrue(join.getString("epoch").matches("[0-9a-f]{12}"), join.toString());
        assertEquals(join.getString("epoch"), message.getString("epoch"));
    }

    @Test
    void legacyMembersGetTheTutorialsLinesAndNoPresence() {
        Room room = room("lobby", 10);
        Recorder page = new Recorder("Guest-1", true);
        room.join(page, page.nick, null);
        room.say(page, "hi");
        assertEquals(2, page.frames.size());
        assertTrue(
                page.frames.get(0).matches("\\[203\\.0\\.113\\.x]-\\[2026-11-22 \\d\\d:00:00]-进入聊天室"),
                page.frames.get(0));
        assertTrue(page.frames.get(1).endsWith("]-说：hi"), page.frames.get(1));
    }

    @Test
    void aFullOutboxMakesASlowConsumerOthersStillGetEverything() {
        Room room = room("r", 10);
        Recorder fast = new Recorder("fast", false);
        Recorder slow = new Recorder("slow", false);
        room.join(fast, fast.nick, null);
        room.join(slow, slow.nick, null);
        slow.full = true;
        room.say(fast, "x");
        assertEquals(1, slow.slowCalls);
        assertEquals("x", fast.json().get(fast.frames.size() - 1).getString("text"));
    }

    @Test
    void leavingTwiceOrSayingAfterLeavingChangesNothing() {
        Room room = room("r", 10);
        Recorder ann = new Recorder("ann", false);
        room.join(ann, ann.nick, null);
        room.leave(ann);
        long last = room.lastId();
        room.leave(ann);
        room.say(ann, "ghost");
        assertEquals(last, room.lastId());
        assertEquals(0, room.size());
    }

    /** A cluster event, as another node (or this one, later) would have published it. */
    private static ChatEvent clustered(long id, String nick, String text, String ref) {
        return ChatEvent.of(
                ChatEvent.Type.MESSAGE, id, "c1", "r", nick, "198.51.100.x", null, CLOCK.instant(), text, ref);
    }

    /** A relay whose cluster is unreachable: it keeps every event, for the room to show as pending. */
    private static final class KeepingRelay implements Relay {
        final List<ChatEvent> kept = new ArrayList<>();
        int shown;

        @Override
        public java.util.concurrent.CompletionStage<Snapshot> follow(String room, int history) {
            return java.util.concurrent.CompletableFuture.completedFuture(new Snapshot(List.of(), List.of(), null));
        }

        @Override
        public void unfollow(String room) {}

        @Override
        public java.util.concurrent.CompletionStage<Boolean> claim(String room, String nick) {
            return java.util.concurrent.CompletableFuture.completedFuture(true);
        }

        @Override
        public void unclaim(String room, String nick) {}

        @Override
        public Outcome publish(ChatEvent event, long lastId) {
            kept.add(event.withRef("n1-" + (kept.size() + 1)));
            return Outcome.PENDING;
        }

        @Override
        public List<ChatEvent> takeUnshown(String room) {
            List<ChatEvent> unshown = List.copyOf(kept.subList(shown, kept.size()));
            shown = kept.size();
            return unshown;
        }

        @Override
        public void close() {}
    }

    @Test
    void eventsKeptWhileTheClusterIsAwayAreShownAtOnceAndTheirNumberedCopiesOnlyWhereTheyCarryAnId() {
        KeepingRelay relay = new KeepingRelay();
        Room room = new Room("r", 10, CLOCK, later::add, relay);
        Recorder v1 = new Recorder("ann", false);
        Recorder page = new Recorder("tutorial", true);
        room.join(v1, v1.nick, null);
        room.join(page, page.nick, null);
        room.say(v1, "while Redis was away");
        JsonObject pending = v1.json().get(v1.frames.size() - 1);
        assertTrue(pending.getBoolean("pending"));
        assertEquals("while Redis was away", pending.getString("text"));
        assertFalse(pending.containsKey("id"));
        int linesBefore = page.frames.size();

        ChatEvent written = relay.kept.get(relay.kept.size() - 1);
        room.arrived(written.numbered(7, "c1"));
        JsonObject numbered = v1.json().get(v1.frames.size() - 1);
        assertEquals(7, numbered.getInt("id"));
        assertEquals(pending.getString("ref"), numbered.getString("ref"));
        assertEquals(linesBefore, page.frames.size(), "the tutorial's page, which has no ids, is not shown it twice");
        assertEquals(List.of(), relay.takeUnshown("r"));
    }

    @Test
    void beyondItsCapARoomForgetsTheOldestPendingEventsItShowed() {
        KeepingRelay relay = new KeepingRelay();
        Room room = new Room("r", 10, CLOCK, later::add, relay);
        Recorder page = new Recorder("tutorial", true);
        room.join(page, page.nick, null);
        for (int i = 0; i <= Room.MAX_REFS; i++) {
            room.say(page, "kept " + i);
        }
        int linesBefore = page.frames.size();
        ChatEvent oldest = relay.kept.get(1); // [0] is the join
        ChatEvent newest = relay.kept.get(relay.kept.size() - 1);

        room.arrived(newest.numbered(1, "c1"));
        assertEquals(linesBefore, page.frames.size(), "still remembered: shown once");
        room.arrived(oldest.numbered(2, "c1"));
        assertEquals(linesBefore + 1, page.frames.size(), "forgotten: shown again rather than held forever");
        assertTrue(page.frames.get(linesBefore).contains("kept 0"));
    }

    @Test
    void eventsArriveOnceInIdOrderAndIdsSkippedInBetweenAreAGap() {
        Room room = room("r", 10);
        Recorder ann = new Recorder("ann", false);
        room.join(ann, ann.nick, null);
        long first = room.lastId();
        room.arrived(clustered(first + 1, "bob", "one", "b-1"));
        room.arrived(clustered(first + 1, "bob", "one again", "b-1")); // read twice after a reconnect
        room.arrived(clustered(first + 4, "bob", "four", "b-4")); // 2 and 3 trimmed before this node read them
        List<String> types = ann.types();
        assertEquals(List.of("message", "gap", "message"), types.subList(types.size() - 3, types.size()));
        assertEquals(2, ann.json().get(types.size() - 2).getInt("missed"));
        assertEquals(first + 4, room.lastId());
    }

    @Test
    void theClustersPresenceReplacesTheListAndTheMembersGetItALittleLater() {
        Room room = room("r", 10);
        Recorder ann = new Recorder("ann", false);
        room.join(ann, ann.nick, null);
        runLater();
        int before = ann.frames.size();
        room.presence(List.of("ann", "bob"));
        room.presence(List.of("ann", "bob")); // no change, no second list
        runLater();
        assertEquals(before + 1, ann.frames.size());
        assertEquals(
                List.of("ann", "bob"),
                ann.json().get(before).getJsonArray("users").getValuesAs(jakarta.json.JsonString.class).stream()
                        .map(jakarta.json.JsonString::getString)
                        .toList());
    }

    @Test
    void aSnapshotLoadedAfterNewerEventsKeepsTheHistoryInIdOrder() {
        Room room = room("r", 3);
        room.arrived(clustered(5, "bob", "five", "b-5"));
        room.load(new Relay.Snapshot(
                List.of(clustered(3, "bob", "three", "b-3"), clustered(4, "bob", "four", "b-4")),
                List.of("bob"),
                "c1"));
        Recorder ann = new Recorder("ann", false);
        room.join(ann, ann.nick, null);
        assertEquals(
                List.of("three", "four", "five"),
                ann.json().get(0).getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                        .map(m -> m.getString("text"))
                        .toList());
    }
}
