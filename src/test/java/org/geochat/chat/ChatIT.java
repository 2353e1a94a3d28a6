package org.geochat.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.geochat.testing.ChatClient;
import org.geochat.testing.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The chat over real WebSocket connections to the WAR in Tomcat: both wire formats, rooms, history, limits. */
@ExtendWith(ArquillianExtension.class)
class ChatIT {

    @Deployment(testable = false)
    static WebArchive geochat() {
        return Deployments.geochat(
                "chat",
                Map.of(
                        "geochat.chat.history",
                        "5",
                        "geochat.chat.rate",
                        "5/60s",
                        "geochat.chat.max.message",
                        "1024",
                        "geochat.chat.max.conn.per.ip",
                        "8"));
    }

    @ArquillianResource
    private URL base;

    @Test
    void aMessageReachesEveryoneInTheRoomWithNickIpAndTime() throws InterruptedException {
        try (ChatClient ann = ChatClient.v1(base, "chat/broadcast?nick=ann")) {
            assertEquals("history", ann.nextJson().getString("type"));
            assertEquals(List.of("ann"), users(ann.next("presence")));
            JsonObject joined = ann.next("join");
            assertEquals("ann", joined.getString("nick"));
            assertEquals("broadcast", joined.getString("room"));
            assertEquals("127.0.0.x", joined.getString("ip"));
            try (ChatClient bob = ChatClient.v1(base, "chat/broadcast?nick=bob")) {
                assertEquals("bob", ann.next("join").getString("nick"));
                assertEquals(List.of("ann", "bob"), users(ann.next("presence")));
                bob.say("hello <b>all</b>");
                JsonObject message = ann.next("message");
                assertEquals("bob", message.getString("nick"));
                assertEquals("hello <b>all</b>", message.getString("text"));
                assertTrue(message.getString("time").endsWith("Z"), message.toString());
                assertEquals(message, bob.next("message"));
            }
            JsonObject left = ann.next("leave");
            assertEquals("bob", left.getString("nick"));
            assertEquals(List.of("ann"), users(ann.next("presence")));
        }
    }

    @Test
    void theTutorialsPageGetsItsPlainTextLines() throws InterruptedException {
        try (ChatClient page = ChatClient.legacy(base, "chat");
                ChatClient other = ChatClient.v1(base, "chat?nick=carol")) {
            assertTrue(page.next().matches("\\[127\\.0\\.0\\.x]-\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d]-进入聊天室"));
            assertTrue(page.next().endsWith("-进入聊天室"), "carol's join");
            page.send("你好");
            assertTrue(page.next().matches("\\[127\\.0\\.0\\.x]-\\[[-\\d :]+]-说：你好"));
            assertEquals("你好", other.next("message").getString("text"));
            other.say("hi");
            assertTrue(page.next().endsWith("-说：hi"));
        }
    }

    @Test
    void aNickIsUniqueInItsRoomAndGuestsAreNumbered() throws InterruptedException {
        try (ChatClient first = ChatClient.v1(base, "chat/nicks?nick=dora")) {
            first.next("presence");
            try (ChatClient second = ChatClient.v1(base, "chat/nicks?nick=dora")) {
                assertEquals(1008, second.closeCode());
            }
            try (ChatClient guest = ChatClient.v1(base, "chat/nicks")) {
                assertTrue(guest.next("join").getString("nick").matches("Guest-\\d+"));
            }
        }
    }

    @Test
    void historyIsSentOnJoinAndSinceResumesOrReportsTheGap() throws InterruptedException {
        long lastId;
        String epoch;
        try (ChatClient observer = ChatClient.v1(base, "chat/history?nick=obs")) {
            observer.next("presence");
            try (ChatClient writer = ChatClient.v1(base, "chat/history?nick=eve")) {
                writer.next("presence");
                for (int i = 1; i <= 4; i++) {
                    writer.say("m" + i);
                }
                JsonObject m4 = writer.nextMatching(
                        f -> "message".equals(f.getString("type")) && "m4".equals(f.getString("text")));
                lastId = m4.getJsonNumber("id").longValue();
                epoch = m4.getString("epoch");
            }
            observer.nextMatching(f -> "leave".equals(f.getString("type")) && "eve".equals(f.getString("nick")));
            // obs join(1) eve join(2) m1..m4(3..6) eve leave(7); history keeps 5: ids 3..7
            try (ChatClient late = ChatClient.v1(base, "chat/history?nick=fay")) {
                JsonObject history = late.next("history");
                assertEquals(
                        List.of("m1", "m2", "m3", "m4", "leave"),
                        history.getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                                .map(ChatIT::textOrType)
                                .toList());
            }
            observer.nextMatching(f -> "leave".equals(f.getString("type")) && "fay".equals(f.getString("nick")));
            try (ChatClient resumed =
                    ChatClient.v1(base, "chat/history?nick=gus&since=" + (lastId - 1) + "&epoch=" + epoch)) {
                JsonObject history = resumed.next("history");
                assertEquals(
                        List.of("m4", "leave", "join", "leave"),
                        history.getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                                .map(ChatIT::textOrType)
                                .toList());
            }
            try (ChatClient gapped = ChatClient.v1(base, "chat/history?nick=hal&since=0&epoch=" + epoch)) {
                JsonObject first = gapped.nextJson();
                assertEquals("gap", first.getString("type"));
                assertTrue(first.getInt("missed") > 0, first.toString());
                assertTrue(first.getBoolean("recovered"), first.toString());
                assertEquals("history", gapped.nextJson().getString("type"));
            }
        }
    }

    private static String textOrType(JsonObject event) {
        return event.containsKey("text") ? event.getString("text") : event.getString("type");
    }

    @Test
    void aForeignOriginIsRefusedAndTheSameOriginOrNoneIsAccepted() {
        String port = ":" + base.getPort();
        assertEquals(403, ChatClient.handshakeStatus(base, "chat", "http://evil.example"));
        assertEquals(403, ChatClient.handshakeStatus(base, "chat", "http://localhost:1"));
        // accepted, so it joins: not the lobby, whose history the tutorial's page test reads
        assertEquals(-1, ChatClient.handshakeStatus(base, "chat/origin", "http://" + base.getHost() + port));
    }

    @Test
    void anOversizedMessageIsClosedWith1009() throws InterruptedException {
        try (ChatClient client = ChatClient.v1(base, "chat/limits?nick=ivy")) {
            client.next("presence");
            client.say("x".repeat(2000));
            assertEquals(1009, client.closeCode());
        }
    }

    @Test
    void aBinaryFrameIsClosedWith1003() throws InterruptedException {
        try (ChatClient client = ChatClient.v1(base, "chat/limits?nick=jay")) {
            client.next("presence");
            client.sendBinary();
            assertEquals(1003, client.closeCode());
        }
    }

    @Test
    void aFloodGetsErrorFramesThenIsClosedWith1008() throws InterruptedException {
        try (ChatClient client = ChatClient.v1(base, "chat/flood?nick=kim")) {
            client.next("presence");
            for (int i = 0; i < 5; i++) {
                client.say("ok " + i);
            }
            client.say("one too many");
            JsonObject error = client.next("error");
            assertEquals("rate-limited", error.getString("code"));
            for (int i = 0; i < 4; i++) {
                client.say("still flooding");
            }
            assertEquals(1008, client.closeCode());
        }
    }

    @Test
    void anInvalidMessageIsAnErrorFrameAndTheConnectionStays() throws InterruptedException {
        try (ChatClient client = ChatClient.v1(base, "chat/invalid?nick=lee")) {
            client.next("presence");
            client.send("not json");
            assertEquals("invalid-message", client.next("error").getString("code"));
            client.say("fine");
            assertEquals("fine", client.next("message").getString("text"));
        }
    }

    /**
     * A message whose text has no UTF-8 form (a surrogate without its pair, which JSON can spell) once closed every
     * member of the room, and every later joiner while the history was sent: it is refused, and nobody else notices.
     */
    @Test
    void textWithoutAUtf8FormIsRefusedAndTheRoomChatsOn() throws InterruptedException {
        try (ChatClient ann = ChatClient.v1(base, "chat/poison?nick=ann");
                ChatClient bob = ChatClient.v1(base, "chat/poison?nick=bob");
                ChatClient page = ChatClient.legacy(base, "chat/poison")) {
            ann.next("presence");
            bob.next("presence");
            for (String stray : new String[] {"\\ud800", "\\udfff", "\\udc00\\ud800"}) {
                ann.send("{\"type\":\"message\",\"text\":\"" + stray + "\"}");
                assertEquals("invalid-message", ann.next("error").getString("code"), stray);
            }
            bob.say("still here");
            assertEquals("still here", ann.next("message").getString("text"));
            page.nextText(line -> line.endsWith("说：still here"));
            try (ChatClient late = ChatClient.v1(base, "chat/poison?nick=cid")) {
                assertEquals(
                        "still here",
                        textOrType(late.next("history").getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                                .filter(m -> m.containsKey("text"))
                                .reduce((a, b) -> b)
                                .orElseThrow()));
                late.say("hello");
                bob.nextMatching(f -> "message".equals(f.getString("type")) && "hello".equals(f.getString("text")));
            }
        }
    }

    @Test
    void deepNestingAndTrailingGarbageAreInvalidMessagesAndTheConnectionStays() throws InterruptedException {
        try (ChatClient client = ChatClient.v1(base, "chat/invalid?nick=nia")) {
            client.next("presence");
            client.send("[".repeat(1010)); // nested deeper than JSON-P allows, within this deployment's 1024 characters
            assertEquals("invalid-message", client.next("error").getString("code"));
            client.send("{\"type\":\"message\",\"text\":\"x\"} trailing");
            assertEquals("invalid-message", client.next("error").getString("code"));
            client.say("fine");
            assertEquals("fine", client.next("message").getString("text"));
        }
    }

    /** A position from another sequence is never taken for one of this room's: the whole history, marked not recovered. */
    @Test
    void aResumeFromAnotherEpochGetsTheWholeHistoryMarkedNotRecovered() throws InterruptedException {
        // A watcher in the room sees ora's leave go out before pat joins, so pat's history does not depend on how
        // fast the server handles a close; with its own join, at least the 5 kept events exist before the stale
        // resumes, whenever pat's leave lands.
        try (ChatClient watcher = ChatClient.v1(base, "chat/epoch?nick=wat")) {
            watcher.next("presence");
            JsonObject seen;
            try (ChatClient writer = ChatClient.v1(base, "chat/epoch?nick=ora")) {
                writer.next("presence");
                writer.say("one");
                seen = writer.next("message");
            }
            watcher.next("leave");
            String epoch = seen.getString("epoch");
            long id = seen.getJsonNumber("id").longValue();
            try (ChatClient same = ChatClient.v1(base, "chat/epoch?nick=pat&since=" + id + "&epoch=" + epoch)) {
                JsonObject history = same.nextJson();
                assertEquals("history", history.getString("type"), "the same sequence: a continuation, no gap");
                assertEquals(
                        List.of("leave"),
                        history.getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                                .map(ChatIT::textOrType)
                                .toList());
            }
            String[] stales = {
                "since=" + id + "&epoch=0123456789ab", "since=" + id, "since=" + (id + 1000) + "&epoch=" + epoch
            };
            for (int i = 0; i < stales.length; i++) {
                String stale = stales[i];
                try (ChatClient other = ChatClient.v1(base, "chat/epoch?nick=quin" + i + "&" + stale)) {
                    JsonObject gap = other.nextJson();
                    assertEquals("gap", gap.getString("type"), stale);
                    assertFalse(gap.getBoolean("recovered"), stale);
                    assertEquals(5, textsOf(other.next("history")).size(), "the whole kept history: " + stale);
                }
            }
        }
    }

    private static List<String> textsOf(JsonObject history) {
        return history.getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                .map(ChatIT::textOrType)
                .toList();
    }

    @Test
    void invalidRoomsAndNicksAreClosedWith1008() throws InterruptedException {
        try (ChatClient client = ChatClient.v1(base, "chat/no%20spaces")) {
            assertEquals(1008, client.closeCode());
        }
        try (ChatClient client = ChatClient.v1(base, "chat/lobby?nick=%3Cscript%3E")) {
            assertEquals(1008, client.closeCode());
        }
    }

    private static List<String> users(JsonObject presence) {
        assertFalse(presence.isEmpty());
        return presence.getJsonArray("users").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .toList();
    }
}
