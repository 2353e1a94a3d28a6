package org.geochat.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason.CloseCode;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.geochat.core.AsyncRuntime;
import org.geochat.core.Settings;
import org.geochat.net.ClientAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One connection's rules, on a real {@link Chat} of one node, through a recording {@link Wire}: what the
 * container would send and close. The same rules over real WebSockets are {@code ChatIT}'s.
 */
class ConnectionTest {

    private static final String PEER = "203.0.113.7";

    private final Map<String, String> settings = new HashMap<>(Map.of("GEOCHAT_CHAT_RATE", "off"));
    private final AsyncRuntime runtime = new AsyncRuntime();
    private Chat chat;

    /** Records what a connection sends and how it is closed; sends complete at once unless told otherwise. */
    private static final class RecordingWire implements Wire {
        final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        final BlockingQueue<String> closes = new LinkedBlockingQueue<>();
        final BlockingQueue<Long> marks = new LinkedBlockingQueue<>();
        volatile boolean stalled;
        volatile boolean broken;
        /** Told of its close at once, as Tomcat does even for a close made inside the open. */
        volatile Connection connection;

        @Override
        public void send(Outbox.Frame frame, Consumer<Throwable> done) {
            frames.add(frame.isPing() ? "PING" : frame.text());
            if (frame.isPing()) {
                marks.add(frame.mark());
            }
            if (broken) {
                done.accept(new java.io.IOException("broken pipe"));
            } else if (!stalled) {
                done.accept(null);
            }
        }

        @Override
        public void close(CloseCode code, String reason) {
            closes.add(code.getCode() + " " + reason);
            if (connection != null) {
                connection.closed();
            }
        }

        String nextClose() throws InterruptedException {
            String close = closes.poll(5, TimeUnit.SECONDS);
            assertNotNull(close, "no close");
            return close;
        }

        /** The frames sent so far, as JSON objects (geochat.v1). */
        List<JsonObject> json() {
            List<String> sent = new ArrayList<>();
            frames.drainTo(sent);
            return sent.stream()
                    .map(f -> Json.createReader(new StringReader(f)).readObject())
                    .toList();
        }

        List<String> types() {
            return json().stream().map(o -> o.getString("type")).toList();
        }
    }

    private Chat chat() {
        if (chat == null) {
            ChatConfig config = ChatConfig.from(new Settings(name -> null, settings::get, name -> null));
            chat = Chat.start(
                    config,
                    new ClientAddress(List.of(), ClientAddress.X_FORWARDED_FOR),
                    runtime,
                    new SimpleMeterRegistry(),
                    ip -> CompletableFuture.completedFuture("DE"),
                    Optional.empty());
        }
        return chat;
    }

    private Connection open(
            RecordingWire wire, String room, Map<String, List<String>> parameters, String subprotocol, String peer) {
        Connection connection = new Connection(chat(), wire, new Handshake(room, parameters, subprotocol, peer, false));
        wire.connection = connection;
        connection.open();
        return connection;
    }

    private Connection v1(RecordingWire wire, String room, String nick) {
        return open(wire, room, nick == null ? Map.of() : Map.of("nick", List.of(nick)), GeochatV1.NAME, PEER);
    }

    private static String message(String text) {
        return Json.createObjectBuilder()
                .add("type", "message")
                .add("text", text)
                .build()
                .toString();
    }

    @AfterEach
    void stop() {
        if (chat != null) {
            chat.close();
        }
        runtime.close();
    }

    @Test
    void theHealthProbeIsClosedAtOnceAndNeverJoins() throws InterruptedException {
        RecordingWire wire = new RecordingWire();
        new Connection(chat(), wire, new Handshake(null, Map.of(), null, PEER, true)).open();
        assertEquals("1000 ready", wire.nextClose());
        assertTrue(wire.frames.isEmpty());
        assertEquals(0, chat().connections());
    }

    @Test
    void aHandshakeTheFilterDidNotCheckIsRefused() throws InterruptedException {
        RecordingWire wire = new RecordingWire();
        open(wire, "lobby", Map.of(), GeochatV1.NAME, null);
        assertEquals("1008 handshake not checked", wire.nextClose());
        assertEquals(0, chat().roomCount());
    }

    @Test
    void anAddressPastItsAllowanceIsRefusedUntilOneOfItsConnectionsCloses() throws InterruptedException {
        settings.put("GEOCHAT_CHAT_MAX_CONN_PER_IP", "1");
        RecordingWire first = new RecordingWire();
        Connection held = v1(first, "lobby", "ann");
        RecordingWire second = new RecordingWire();
        v1(second, "lobby", "bob");
        assertEquals("1008 too many connections from your address", second.nextClose());
        held.closed();
        RecordingWire third = new RecordingWire();
        v1(third, "lobby", "bob");
        assertTrue(third.types().contains("history"), "the address's place was given back");
        assertTrue(third.closes.isEmpty());
    }

    @Test
    void aConnectionRefusedInItsOpenGivesItsAddresssPlaceBack() throws InterruptedException {
        settings.put("GEOCHAT_CHAT_MAX_CONN_PER_IP", "1");
        for (int i = 0; i < 3; i++) {
            RecordingWire refused = new RecordingWire();
            v1(refused, "no spaces here", null);
            assertEquals("1008 invalid room name", refused.nextClose());
        }
        RecordingWire next = new RecordingWire();
        v1(next, "lobby", null);
        assertTrue(next.types().contains("history"), "admitted: the refused ones hold no place");
        assertEquals(1, chat().connections());
    }

    @Test
    void aJoinTheHandshakeCannotHaveIsRefused() throws InterruptedException {
        RecordingWire badRoom = new RecordingWire();
        v1(badRoom, "no spaces here", null);
        assertEquals("1008 invalid room name", badRoom.nextClose());
        RecordingWire taken = new RecordingWire();
        v1(new RecordingWire(), "lobby", "ann");
        v1(taken, "lobby", "ann");
        assertEquals("1008 nick taken", taken.nextClose());
    }

    @Test
    void pastTheRoomCapANewRoomIsRefusedForNow() throws InterruptedException {
        settings.put("GEOCHAT_CHAT_MAX_ROOMS", "1");
        v1(new RecordingWire(), "one", null);
        RecordingWire other = new RecordingWire();
        v1(other, "two", null);
        assertEquals("1013 too many rooms", other.nextClose());
    }

    @Test
    void aGeochatV1JoinerGetsHistoryPresenceItsJoinAndTheKeepalive() {
        RecordingWire wire = new RecordingWire();
        v1(wire, "lobby", "ann");
        List<JsonObject> frames = wire.json();
        assertEquals(
                List.of("history", "presence", "join", "keepalive"),
                frames.stream().map(o -> o.getString("type")).toList());
        assertEquals("ann", frames.get(2).getString("nick"));
        assertEquals("203.0.113.x", frames.get(2).getString("ip"), "masked by default");
        assertEquals(25_000, frames.get(3).getInt("everyMs"));
    }

    @Test
    void guestsAreNumberedAndNeverShareANick() {
        RecordingWire first = new RecordingWire();
        RecordingWire second = new RecordingWire();
        v1(first, "lobby", null);
        v1(second, "lobby", null);
        String one = first.json().get(2).getString("nick");
        String two = second.json().get(2).getString("nick");
        assertTrue(one.startsWith("Guest-") && two.startsWith("Guest-"), one + ", " + two);
        assertNotEquals(one, two);
    }

    @Test
    void aMessageReachesTheRoomWithTheSendersCountry() {
        RecordingWire ann = new RecordingWire();
        RecordingWire bob = new RecordingWire();
        Connection sender = v1(ann, "lobby", "ann");
        v1(bob, "lobby", "bob");
        bob.frames.clear();
        sender.received(message("hello"));
        JsonObject said = bob.json().get(0);
        assertEquals("message", said.getString("type"));
        assertEquals("hello", said.getString("text"));
        assertEquals("ann", said.getString("nick"));
        assertEquals("DE", said.getString("country"));
    }

    @Test
    void thePlainTextDialectSpeaksTheTutorialsLinesOnly() {
        RecordingWire page = new RecordingWire();
        Connection connection = open(page, null, Map.of(), null, PEER);
        connection.received("你好");
        List<String> lines = new ArrayList<>();
        page.frames.drainTo(lines);
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).endsWith("-进入聊天室"), lines.get(0));
        assertTrue(lines.get(1).startsWith("[203.0.113.x]-[") && lines.get(1).endsWith("-说：你好"), lines.get(1));
    }

    @Test
    void aFrameThatIsNotAMessageIsAnsweredWithAnErrorAndTheConnectionStays() {
        RecordingWire wire = new RecordingWire();
        Connection connection = v1(wire, "lobby", "ann");
        wire.frames.clear();
        connection.received("{\"type\":\"message\"}");
        connection.received("[1,2");
        List<JsonObject> errors = wire.json();
        assertEquals(2, errors.size());
        errors.forEach(error -> assertEquals("invalid-message", error.getString("code")));
        assertTrue(wire.closes.isEmpty());
    }

    @Test
    void tooLongNotUnicodeAndBinaryFramesCloseTheConnectionWithTheirCodes() throws InterruptedException {
        settings.put("GEOCHAT_CHAT_MAX_MESSAGE", "64");
        RecordingWire tooLong = new RecordingWire();
        v1(tooLong, "lobby", null).received("x".repeat(65));
        assertEquals("1009 message too long", tooLong.nextClose());
        RecordingWire surrogate = new RecordingWire();
        v1(surrogate, "lobby", null).received("a\uD800b");
        assertEquals("1007 text is not UTF-8", surrogate.nextClose());
        RecordingWire binary = new RecordingWire();
        v1(binary, "lobby", null).receivedBinary();
        assertEquals("1003 binary frames are not accepted", binary.nextClose());
    }

    @Test
    void overTheRateAMessageIsRefusedAndAClientThatIgnoresThatIsClosed() throws InterruptedException {
        settings.put("GEOCHAT_CHAT_RATE", "2/10m");
        RecordingWire wire = new RecordingWire();
        Connection connection = v1(wire, "lobby", "ann");
        connection.received(message("one"));
        connection.received(message("two"));
        wire.frames.clear();
        connection.received(message("three"));
        assertEquals("rate-limited", wire.json().get(0).getString("code"));
        connection.received(message("four"));
        assertEquals("1008 too many messages", wire.nextClose());
    }

    @Test
    void theHeartbeatPingsWithTheDialectsKeepaliveAndClosesTheSilent() throws InterruptedException {
        RecordingWire v1 = new RecordingWire();
        RecordingWire page = new RecordingWire();
        Connection json = v1(v1, "lobby", "ann");
        Connection text = open(page, null, Map.of(), null, PEER);
        v1.frames.clear();
        page.frames.clear();
        long now = System.nanoTime();
        json.heartbeat(now - 1_000_000_000L, now - 1_000_000_000L, now - 1_000_000_000L, true);
        text.heartbeat(now - 1_000_000_000L, now - 1_000_000_000L, now - 1_000_000_000L, true);
        assertEquals("PING", v1.frames.poll(5, TimeUnit.SECONDS));
        assertTrue(v1.frames.poll(5, TimeUnit.SECONDS).contains("\"keepalive\""));
        assertEquals("PING", page.frames.poll(5, TimeUnit.SECONDS));
        assertNull(page.frames.poll(100, TimeUnit.MILLISECONDS), "no keepalive in the tutorial's protocol");
        json.heartbeat(System.nanoTime() + 1_000_000_000L, now - 1_000_000_000L, now - 1_000_000_000L, false);
        assertEquals("1001 idle", v1.nextClose());
    }

    @Test
    void aClientThatStopsReadingIsDroppedAsASlowConsumerAndLeavesAtOnce() throws InterruptedException {
        RecordingWire stuck = new RecordingWire();
        RecordingWire other = new RecordingWire();
        Connection reader = v1(stuck, "lobby", "ann");
        v1(other, "lobby", "bob");
        stuck.stalled = true;
        reader.received(message("one")); // its own message: the write that never completes
        other.frames.clear();
        reader.heartbeat(System.nanoTime() - 60_000_000_000L, System.nanoTime() + 1_000_000_000L, 0, false);
        assertEquals("1013 slow consumer", stuck.nextClose());
        assertEquals("leave", other.json().get(0).getString("type"));
    }

    /**
     * Every send completes (as on Tyrus, which queues what the client does not read), yet the client confirms
     * nothing: the heartbeat asks it to, and once the send timeout has passed since, drops it. A client that
     * answers stays.
     */
    @Test
    void aClientThatConfirmsNothingItWasSentIsDroppedAsASlowConsumer() throws InterruptedException {
        RecordingWire silent = new RecordingWire();
        RecordingWire answering = new RecordingWire();
        Connection ann = v1(silent, "lobby", "ann");
        Connection bob = v1(answering, "lobby", "bob");
        ann.received(message("one")); // to both
        long past = System.nanoTime() - 60_000_000_000L;
        long later = System.nanoTime() + 1_000_000_000L;
        ann.heartbeat(past, past, later, false); // text sent before "later" and not yet marked: a ping marks it
        bob.heartbeat(past, past, later, false);
        assertNotNull(silent.marks.poll(5, TimeUnit.SECONDS));
        bob.heard(ByteBuffer.allocate(Receipts.MARK_BYTES).putLong(0, answering.marks.poll(5, TimeUnit.SECONDS)));
        long afterPings = System.nanoTime() + 1;
        ann.heartbeat(past, afterPings, past, false);
        bob.heartbeat(past, afterPings, past, false);
        assertEquals("1013 slow consumer", silent.nextClose());
        assertNull(answering.closes.poll(100, TimeUnit.MILLISECONDS), "bob confirmed what he was sent");
    }

    @Test
    void aFailedSendDropsTheConnectionOnce() throws InterruptedException {
        RecordingWire wire = new RecordingWire();
        Connection connection = v1(wire, "lobby", "ann");
        wire.broken = true;
        connection.received("{}"); // answered with an error frame, whose send fails
        assertEquals("1011 send failed", wire.nextClose());
        connection.received("{}");
        assertNull(wire.closes.poll(200, TimeUnit.MILLISECONDS), "dropped once");
    }

    @Test
    void aClosedConnectionLeavesItsRoomAndIsNoLongerCounted() {
        RecordingWire ann = new RecordingWire();
        RecordingWire bob = new RecordingWire();
        Connection leaving = v1(ann, "lobby", "ann");
        v1(bob, "lobby", "bob");
        assertEquals(2, chat().connections());
        bob.frames.clear();
        leaving.closed();
        assertEquals("leave", bob.json().get(0).getString("type"));
        assertEquals(1, chat().connections());
    }
}
