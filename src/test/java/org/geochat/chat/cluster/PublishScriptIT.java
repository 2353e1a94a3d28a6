package org.geochat.chat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.geochat.chat.ChatEvent;
import org.geochat.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * cluster.lua's publish on a real Redis, with the arguments the writer sends: a node's events go into the stream
 * in their order, each once, whatever order their commands are run in.
 */
class PublishScriptIT {

    private static final String NODE = "n1";

    private TestRedis redis;
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private RedisAsyncCommands<String, String> commands;
    private ClusterConfig config;
    private final Backlog backlog = new Backlog(100);

    @BeforeEach
    void connect() throws Exception {
        redis = TestRedis.start();
        client = RedisClient.create(redis.url());
        connection = client.connect();
        commands = connection.async();
        config = new ClusterConfig(RedisURI.create(redis.url()), 100, Duration.ofSeconds(30), 1000);
    }

    @AfterEach
    void disconnect() throws Exception {
        connection.close();
        client.shutdown();
        redis.close();
    }

    @Test
    void anEventIsWrittenOnlyAfterTheEarlierOnesOfItsNodeAndOnlyOnce() throws Exception {
        Backlog.Entry one = backlog.offer(said("one"), 0, NODE + "-");
        Backlog.Entry two = backlog.offer(said("two"), 0, NODE + "-");

        // Sent together (first = one's seq), two is run before one: it waits, nothing is written.
        ExecutionException refused = assertThrows(ExecutionException.class, () -> publish(two, one.seq));
        assertInstanceOf(RedisCommandExecutionException.class, refused.getCause());
        assertTrue(
                refused.getCause().getMessage().startsWith("GEOCHAT_ORDER"),
                refused.getCause().getMessage());
        assertEquals(0L, stream());

        assertEquals(1L, publish(one, one.seq));
        assertEquals(2L, publish(two, one.seq));
        assertEquals(0L, publish(one, one.seq), "a repeat (its reply lost) is not written again");
        assertEquals(2L, stream());

        // Confirmed events that Redis no longer knows of (it came back without its last writes) are not waited for.
        Backlog.Entry three = backlog.offer(said("three"), 2, NODE + "-");
        commands.del(Scripts.sequence(NODE)).get(10, TimeUnit.SECONDS);
        assertEquals(3L, publish(three, three.seq));
    }

    /**
     * Every entry carries its stream's epoch; a stream that Redis lost (no append-only file, FLUSHALL, a new
     * instance) begins another, even where its ids go on from a node's floor, so no resume takes one for the other.
     */
    @Test
    void aStreamMadeAnewBeginsAnotherEpoch() throws Exception {
        Backlog.Entry one = backlog.offer(said("one"), 0, NODE + "-");
        Backlog.Entry two = backlog.offer(said("two"), 0, NODE + "-");
        publish(one, one.seq);
        publish(two, one.seq);
        List<ChatEvent> before = events();
        assertEquals(2, before.size());
        assertNotNull(before.get(0).epoch());
        assertEquals(before.get(0).epoch(), before.get(1).epoch());

        commands.flushall().get(10, TimeUnit.SECONDS);
        Backlog.Entry three = backlog.offer(said("three"), 2, NODE + "-");
        publish(three, three.seq);
        ChatEvent after = events().get(0);
        assertEquals(3, after.id(), "the node's floor keeps ids rising");
        assertNotEquals(before.get(0).epoch(), after.epoch(), "but it is another stream: another epoch");
    }

    private List<ChatEvent> events() throws Exception {
        return commands.xrange(Scripts.stream("r"), Range.create("-", "+")).get(10, TimeUnit.SECONDS).stream()
                .map(entry -> StreamEntries.event("r", StreamEntries.id(entry.getId()), entry.getBody())
                        .orElseThrow())
                .toList();
    }

    private Object publish(Backlog.Entry entry, long first) throws Exception {
        return Scripts.run(
                        commands,
                        ScriptOutputType.INTEGER,
                        "r",
                        NODE,
                        StreamWriter.publishArguments(entry, first, config))
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    private long stream() throws Exception {
        return commands.xlen(Scripts.stream("r")).get(10, TimeUnit.SECONDS);
    }

    private static ChatEvent said(String text) {
        return ChatEvent.of(ChatEvent.Type.MESSAGE, 0, null, "r", "ann", null, null, Instant.now(), text, null);
    }
}
