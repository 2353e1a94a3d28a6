package org.geochat.chat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.geochat.chat.ChatEvent;
import org.geochat.testing.TestRedis;
import org.junit.jupiter.api.Test;

/**
 * cluster.lua's publish on a real Redis, with the arguments the writer sends: a node's events go into the stream
 * in their order, each once, whatever order their commands are run in.
 */
class PublishScriptTest {

    private static final String NODE = "n1";

    @Test
    void anEventIsWrittenOnlyAfterTheEarlierOnesOfItsNodeAndOnlyOnce() throws Exception {
        try (TestRedis redis = TestRedis.start()) {
            RedisClient client = RedisClient.create(redis.url());
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                RedisAsyncCommands<String, String> commands = connection.async();
                ClusterConfig config = new ClusterConfig(RedisURI.create(redis.url()), 100, Duration.ofSeconds(30), 1000);
                Backlog backlog = new Backlog(100);
                Backlog.Entry one = backlog.offer(said("one"), 0, NODE + "-");
                Backlog.Entry two = backlog.offer(said("two"), 0, NODE + "-");

                // Sent together (first = one's seq), two is run before one: it waits, nothing is written.
                ExecutionException refused = assertThrows(ExecutionException.class,
                        () -> publish(commands, two, one.seq, config));
                assertInstanceOf(RedisCommandExecutionException.class, refused.getCause());
                assertTrue(refused.getCause().getMessage().startsWith("GEOCHAT_ORDER"), refused.getCause().getMessage());
                assertEquals(0L, stream(commands));

                assertEquals(1L, publish(commands, one, one.seq, config));
                assertEquals(2L, publish(commands, two, one.seq, config));
                assertEquals(0L, publish(commands, one, one.seq, config), "a repeat (its reply lost) is not written again");
                assertEquals(2L, stream(commands));

                // Confirmed events that Redis no longer knows of (it came back without its last writes) are not waited for.
                Backlog.Entry three = backlog.offer(said("three"), 2, NODE + "-");
                commands.del(Scripts.sequence(NODE)).get(10, TimeUnit.SECONDS);
                assertEquals(3L, publish(commands, three, three.seq, config));
            } finally {
                client.shutdown();
            }
        }
    }

    private static Object publish(RedisAsyncCommands<String, String> commands, Backlog.Entry entry, long first,
                                  ClusterConfig config) throws Exception {
        return Scripts.run(commands, ScriptOutputType.INTEGER, "r", NODE, StreamWriter.publishArguments(entry, first, config))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static long stream(RedisAsyncCommands<String, String> commands) throws Exception {
        return commands.xlen(Scripts.stream("r")).get(10, TimeUnit.SECONDS);
    }

    private static ChatEvent said(String text) {
        return ChatEvent.of(ChatEvent.Type.MESSAGE, 0, "r", "ann", null, null, Instant.now(), text, null);
    }
}
