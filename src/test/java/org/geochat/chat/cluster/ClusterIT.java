package org.geochat.chat.cluster;

import static org.geochat.testing.Http.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.geochat.testing.ChatClient;
import org.geochat.testing.Deployments;
import org.geochat.testing.Http;
import org.geochat.testing.TestRedis;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two geochat nodes (two deployments, each with its own chat) on one real Redis: what users on different nodes
 * behind a load balancer see. Each test has rooms of its own; the Redis is shared and outlives them all.
 */
@ExtendWith(ArquillianExtension.class)
class ClusterIT {

    /** Started when the class loads: the deployments below are made (and connect) before any test runs. */
    private static final TestRedis REDIS = TestRedis.start();

    @Deployment(name = "a", testable = false)
    static WebArchive nodeA() {
        return Deployments.geochat("cluster-a", node());
    }

    @Deployment(name = "b", testable = false)
    static WebArchive nodeB() {
        return Deployments.geochat("cluster-b", node());
    }

    /**
     * No rate limit, for the bursts. The presence TTL is the default (30 s): no test here waits for one, and a short
     * one would let a starved JVM expire live users (a vanished node's users: RedisRelayIT).
     */
    private static Map<String, String> node() {
        return Map.of("geochat.redis.url", REDIS.url(), "geochat.chat.rate", "off", "geochat.chat.history", "50");
    }

    @ArquillianResource
    @OperateOnDeployment("a")
    private URL a;

    @ArquillianResource
    @OperateOnDeployment("b")
    private URL b;

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @Test
    void messagesSentOnOneNodeReachTheOtherInOneOrderInBothWireFormats() throws InterruptedException {
        try (ChatClient ann = in(ChatClient.v1(a, "chat/order?nick=ann"));
                ChatClient bob = in(ChatClient.v1(b, "chat/order?nick=bob"));
                ChatClient page = ChatClient.legacy(b, "chat/order")) {
            ann.nextMatching(f ->
                    "join".equals(f.getString("type")) && f.getString("nick").startsWith("Guest-")); // the page is in
            for (int i = 0; i < 20; i++) {
                ann.say("m" + i);
            }
            List<Long> seenByAnn = messageIds(ann, 20);
            List<Long> seenByBob = messageIds(bob, 20);
            assertEquals(seenByAnn, seenByBob, "one order on both nodes");
            for (int i = 1; i < seenByBob.size(); i++) {
                assertEquals(seenByBob.get(i - 1) + 1, seenByBob.get(i), "ids consecutive: " + seenByBob);
            }
            String line;
            do {
                line = page.next();
            } while (!line.endsWith("说：m0"));
            assertTrue(page.next().endsWith("说：m1"));
        }
    }

    @Test
    void joinsLeavesAndPresenceAreSeenAcrossNodes() throws InterruptedException {
        try (ChatClient ann = in(ChatClient.v1(a, "chat/presence?nick=ann"))) {
            try (ChatClient bob = ChatClient.v1(b, "chat/presence?nick=bob")) {
                assertEquals(
                        List.of("ann", "bob"),
                        users(bob.next("presence")).stream().sorted().toList(),
                        "the joiner on B sees who is on A at once");
                ann.nextMatching(f -> isJoinOf(f, "bob"));
                ann.nextMatching(f -> "presence".equals(f.getString("type")) && users(f).contains("bob"));
            }
            JsonObject left = ann.next("leave");
            assertEquals("bob", left.getString("nick"));
            ann.nextMatching(f -> "presence".equals(f.getString("type")) && users(f).equals(List.of("ann")));
        }
    }

    @Test
    void aNickIsUniqueAcrossNodes() throws InterruptedException {
        try (ChatClient ann = in(ChatClient.v1(a, "chat/nicks?nick=ann"));
                ChatClient twin = ChatClient.v1(b, "chat/nicks?nick=ann")) {
            assertEquals(1008, twin.closeCode());
            try (ChatClient guest = ChatClient.v1(b, "chat/nicks")) {
                // ann's own join may reach B's reader after the guest is in: look for the guest's
                guest.nextMatching(f -> "join".equals(f.getString("type"))
                        && f.getString("nick").startsWith("Guest-"));
            }
        }
    }

    /** The limits are checked by the node the client is on, before anything is published: the same close codes. */
    @Test
    void theLimitsAndCloseCodesAreTheSameOnAClusterNode() throws InterruptedException {
        try (ChatClient big = in(ChatClient.v1(b, "chat/limits?nick=big"));
                ChatClient binary = in(ChatClient.v1(a, "chat/limits?nick=bin"))) {
            big.send("{\"type\":\"message\",\"text\":\"" + "x".repeat(9000) + "\"}");
            assertEquals(1009, big.closeCode());
            binary.sendBinary();
            assertEquals(1003, binary.closeCode());
        }
    }

    @Test
    void historyAndResumeWorkOnTheOtherNode() throws InterruptedException {
        JsonObject third;
        try (ChatClient ann = in(ChatClient.v1(a, "chat/resume?nick=ann"))) {
            for (int i = 1; i <= 5; i++) {
                ann.say("h" + i);
            }
            third = numberedMessages(ann, 5).get(2);
        }
        String position =
                "since=" + third.getJsonNumber("id") + "&epoch=" + third.getString("epoch"); // one epoch cluster-wide
        try (ChatClient back = ChatClient.v1(b, "chat/resume?nick=anna&" + position)) {
            assertEquals(List.of("h4", "h5"), texts(back.next("history")));
        }
        try (ChatClient newcomer = ChatClient.v1(b, "chat/resume?nick=cy")) {
            List<String> history = texts(newcomer.next("history"));
            assertEquals(
                    List.of("h1", "h2", "h3", "h4", "h5"),
                    history.stream().filter(t -> t.startsWith("h")).toList());
        }
    }

    /**
     * Redis stops mid-conversation: each node goes on serving its own users (their messages shown at once,
     * marked pending) and says DEGRADED; Redis comes back: everything kept arrives everywhere, numbered, in one
     * order, nothing lost.
     */
    @Test
    void whileRedisIsAwayEachNodeServesItsOwnUsersAndNothingIsLostWhenItReturns() throws InterruptedException {
        try (ChatClient ann = ChatClient.v1(a, "chat/outage?nick=ann");
                ChatClient carol = ChatClient.v1(a, "chat/outage?nick=carol");
                ChatClient bob = ChatClient.v1(b, "chat/outage?nick=bob")) {
            for (ChatClient client : List.of(ann, carol, bob)) {
                client.nextMatching(f -> "presence".equals(f.getString("type")) && users(f).size() == 3);
            }
            ann.say("before");
            for (ChatClient client : List.of(ann, carol, bob)) {
                client.nextMatching(f -> isMessage(f, "before"));
            }

            REDIS.stop();
            List<String> sentDuring = List.of("during 1", "during 2", "during 3");
            sentDuring.forEach(ann::say);
            for (String text : sentDuring) { // carol, on ann's node, sees them at once
                JsonObject shown = explained(() -> carol.nextMatching(f -> isMessage(f, text)));
                assertTrue(shown.getBoolean("pending", false), shown.toString());
            }
            bob.say("from b");
            assertTrue(bob.nextMatching(f -> isMessage(f, "from b")).getBoolean("pending"));
            assertEquals("DEGRADED", object(new Http(a).get("api/health")).getString("status"));
            JsonObject degraded = object(new Http(b).get("api/health"));
            assertEquals("DEGRADED", degraded.getString("status"));
            assertFalse(degraded.getJsonObject("redis").getBoolean("connected"));

            REDIS.restart();
            List<String> all = List.of("during 1", "during 2", "during 3", "from b");
            Map<String, Long> idsOnA = numbered(ann, all);
            assertEquals(idsOnA, numbered(carol, all));
            assertEquals(idsOnA, numbered(bob, all), "the same ids on both nodes");
            assertTrue(
                    idsOnA.get("during 1") < idsOnA.get("during 2") && idsOnA.get("during 2") < idsOnA.get("during 3"),
                    "one node's messages keep their order: " + idsOnA);
            assertEquals("UP", object(new Http(a).get("api/health")).getString("status"));
            assertEquals("UP", object(new Http(b).get("api/health")).getString("status"));
        }
    }

    private interface Wait {
        JsonObject run() throws InterruptedException;
    }

    /** What both nodes said about Redis, added to a wait that failed: the frames alone cannot tell why. */
    private JsonObject explained(Wait wait) throws InterruptedException {
        try {
            return wait.run();
        } catch (AssertionError e) {
            throw new AssertionError(
                    e.getMessage() + "; node A: "
                            + new Http(a).get("api/health").body() + "; node B: "
                            + new Http(b).get("api/health").body() + "; metrics A: "
                            + new Http(a)
                                    .get("metrics")
                                    .body()
                                    .lines()
                                    .filter(line -> line.startsWith("geochat_chat"))
                                    .toList(),
                    e);
        }
    }

    /** The client once it is in its room (its presence list has come), so that what others do next reaches it live. */
    private static ChatClient in(ChatClient client) throws InterruptedException {
        client.next("presence");
        return client;
    }

    /** The numbered copy of each text (skipping pending copies), by text; fails if any never arrives. */
    private static Map<String, Long> numbered(ChatClient client, List<String> texts) throws InterruptedException {
        Map<String, Long> ids = new HashMap<>();
        long last = 0;
        while (ids.size() < texts.size()) {
            JsonObject frame = client.nextMatching(f -> "message".equals(f.getString("type"))
                    && f.containsKey("id")
                    && texts.contains(f.getString("text")));
            long id = frame.getJsonNumber("id").longValue();
            assertTrue(id > last, "ids rise: " + id + " after " + last);
            last = id;
            ids.put(frame.getString("text"), id);
        }
        return ids;
    }

    private static List<Long> messageIds(ChatClient client, int count) throws InterruptedException {
        return numberedMessages(client, count).stream()
                .map(message -> message.getJsonNumber("id").longValue())
                .toList();
    }

    private static List<JsonObject> numberedMessages(ChatClient client, int count) throws InterruptedException {
        List<JsonObject> messages = new ArrayList<>();
        while (messages.size() < count) {
            // a slow Redis reply can show a message pending (no id) before its numbered copy comes
            messages.add(client.nextMatching(f -> "message".equals(f.getString("type")) && f.containsKey("id")));
        }
        return messages;
    }

    private static boolean isJoinOf(JsonObject frame, String nick) {
        return "join".equals(frame.getString("type")) && nick.equals(frame.getString("nick"));
    }

    private static boolean isMessage(JsonObject frame, String text) {
        return "message".equals(frame.getString("type")) && text.equals(frame.getString("text"));
    }

    private static List<String> users(JsonObject presence) {
        return presence.getJsonArray("users").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .toList();
    }

    private static List<String> texts(JsonObject history) {
        return history.getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                .filter(m -> "message".equals(m.getString("type")))
                .map(m -> m.getString("text"))
                .toList();
    }
}
