package org.geochat.chat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.geochat.chat.ChatEvent;
import org.geochat.chat.Relay;
import org.geochat.core.AsyncRuntime;
import org.geochat.testing.TestRedis;
import org.junit.jupiter.api.Test;

/**
 * Relays on a real Redis, their rooms recorders: what a relay hands back, and when, around an outage; what is
 * left of a node that vanishes.
 */
class RedisRelayIT {

    /** Records what the relay hands back. */
    private static final class Recorder implements Relay.Listener {
        final BlockingQueue<ChatEvent> arrived = new LinkedBlockingQueue<>();
        final BlockingQueue<ChatEvent> pending = new LinkedBlockingQueue<>();
        final BlockingQueue<List<String>> presences = new LinkedBlockingQueue<>();
        /** The members this node has in every room it follows. */
        volatile List<String> here = List.of();

        @Override
        public void arrived(ChatEvent event) {
            arrived.add(event);
        }

        volatile RedisRelay relay;

        /** What a room does: take what it has not shown. */
        @Override
        public void kept(String room) {
            pending.addAll(relay.takeUnshown(room));
        }

        @Override
        public void presence(String room, Collection<String> nicks) {
            presences.add(List.copyOf(nicks));
        }

        @Override
        public List<String> nicksHere(String room) {
            return here;
        }
    }

    private static ChatEvent said(String text) {
        return ChatEvent.of(ChatEvent.Type.MESSAGE, 0, null, "r", "ann", null, null, Instant.now(), text, null);
    }

    @Test
    void eventsComeBackNumberedAndWhileRedisIsAwayTheyAreShownPendingThenWrittenWhenItReturns() throws Exception {
        try (TestRedis redis = TestRedis.start();
                AsyncRuntime runtime = new AsyncRuntime()) {
            Recorder rooms = new Recorder();
            ClusterConfig config = new ClusterConfig(RedisURI.create(redis.url()), 100, Duration.ofSeconds(3), 1000);
            try (RedisRelay relay = new RedisRelay(config, rooms, runtime, new SimpleMeterRegistry())) {
                rooms.relay = relay;
                relay.firstContact().toCompletableFuture().get(10, TimeUnit.SECONDS);
                Relay.Snapshot snapshot =
                        relay.follow("r", 10).toCompletableFuture().get(10, TimeUnit.SECONDS);
                assertEquals(List.of(), snapshot.recent());
                assertEquals(Relay.Outcome.SENT, relay.publish(said("one"), 0));
                ChatEvent one = rooms.arrived.poll(10, TimeUnit.SECONDS);
                assertNotNull(one, "nothing came back");
                assertEquals(1, one.id());

                redis.stop();
                Relay.Outcome outcome = relay.publish(said("two"), 1);
                if (outcome == Relay.Outcome.PENDING) { // as a room does: else the relay asks once its write fails
                    rooms.kept("r");
                }
                ChatEvent shown = rooms.pending.poll(10, TimeUnit.SECONDS);
                assertNotNull(
                        shown,
                        "not shown while Redis is away (publish said " + outcome + ", status " + relay.status() + ")");
                assertEquals("two", shown.text());

                redis.restart();
                ChatEvent two = rooms.arrived.poll(20, TimeUnit.SECONDS);
                assertNotNull(two, "not written after Redis came back: " + relay.status());
                assertEquals(2, two.id());
                assertEquals(shown.ref(), two.ref());
                assertTrue(relay.status().orElseThrow().connected());
            }
        }
    }

    /**
     * A node keeps its members present past their TTL by refreshing them; when it stops (here: closed without
     * a word, as a crashed node says nothing), another node reaps them within a TTL and writes their leave.
     */
    @Test
    void aVanishedNodesMembersLeaveWithinATtlWrittenByAnotherNode() throws Exception {
        try (TestRedis redis = TestRedis.start();
                AsyncRuntime runtime = new AsyncRuntime()) {
            ClusterConfig config = new ClusterConfig(RedisURI.create(redis.url()), 100, Duration.ofSeconds(3), 1000);
            Recorder onA = new Recorder();
            Recorder onB = new Recorder();
            onA.here = List.of("ghost");
            try (RedisRelay b = new RedisRelay(config, onB, runtime, new SimpleMeterRegistry())) {
                onB.relay = b;
                try (RedisRelay a = new RedisRelay(config, onA, runtime, new SimpleMeterRegistry())) {
                    onA.relay = a;
                    a.firstContact().toCompletableFuture().get(10, TimeUnit.SECONDS);
                    b.firstContact().toCompletableFuture().get(10, TimeUnit.SECONDS);
                    a.follow("r", 10).toCompletableFuture().get(10, TimeUnit.SECONDS);
                    assertTrue(a.claim("r", "ghost").toCompletableFuture().get(10, TimeUnit.SECONDS));
                    assertEquals(
                            List.of("ghost"),
                            List.copyOf(b.follow("r", 10)
                                    .toCompletableFuture()
                                    .get(10, TimeUnit.SECONDS)
                                    .presence()));
                    for (int refresh = 0;
                            refresh < 5;
                            refresh++) { // B refreshes every TTL/3: five span more than a TTL
                        assertEquals(List.of("ghost"), onB.presences.poll(10, TimeUnit.SECONDS), "refresh " + refresh);
                    }
                }
                ChatEvent left = onB.arrived.poll(20, TimeUnit.SECONDS);
                assertNotNull(left, "no leave written for the vanished node's member");
                assertEquals(ChatEvent.Type.LEAVE, left.type());
                assertEquals("ghost", left.nick());
                List<String> present;
                do {
                    present = onB.presences.poll(10, TimeUnit.SECONDS);
                    assertNotNull(present, "no presence list without the vanished member");
                } while (!present.isEmpty());
            }
        }
    }
}
