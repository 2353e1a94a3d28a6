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

/** One relay on a real Redis, its rooms a recorder: what it hands back, and when, around an outage. */
class RedisRelayTest {

    /** Records what the relay hands back. */
    private static final class Recorder implements Relay.Rooms {
        final BlockingQueue<ChatEvent> arrived = new LinkedBlockingQueue<>();
        final BlockingQueue<ChatEvent> pending = new LinkedBlockingQueue<>();

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
        }

        @Override
        public List<String> nicksHere(String room) {
            return List.of();
        }
    }

    private static ChatEvent said(String text) {
        return ChatEvent.of(ChatEvent.Type.MESSAGE, 0, "r", "ann", null, null, Instant.now(), text, null);
    }

    @Test
    void eventsComeBackNumberedAndWhileRedisIsAwayTheyAreShownPendingThenWrittenWhenItReturns() throws Exception {
        try (TestRedis redis = TestRedis.start(); AsyncRuntime runtime = new AsyncRuntime()) {
            Recorder rooms = new Recorder();
            ClusterConfig config = new ClusterConfig(RedisURI.create(redis.url()), 100, Duration.ofSeconds(3), 1000);
            try (RedisRelay relay = new RedisRelay(config, rooms, runtime, new SimpleMeterRegistry())) {
                rooms.relay = relay;
                relay.firstContact().toCompletableFuture().get(10, TimeUnit.SECONDS);
                Relay.Snapshot snapshot = relay.follow("r", 10).toCompletableFuture().get(10, TimeUnit.SECONDS);
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
                assertNotNull(shown, "not shown while Redis is away (publish said " + outcome + ", status " + relay.status() + ")");
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
}
