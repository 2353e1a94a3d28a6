package org.geochat.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.geochat.testing.NearMisses;
import org.junit.jupiter.api.Test;

/** What a geochat.v1 client may send, read: a message's text, or nothing for anything else, however malformed. */
class GeochatV1Test {

    @Test
    void aMessageIsAnObjectOfTypeMessageWithSomeText() {
        assertEquals("hi", GeochatV1.messageText("{\"type\":\"message\",\"text\":\"hi\"}"));
        assertEquals("😀", GeochatV1.messageText("{\"type\":\"message\",\"text\":\"\\ud83d\\ude00\"}"));
        assertNull(GeochatV1.messageText("{\"type\":\"message\",\"text\":\"  \"}"));
        assertNull(GeochatV1.messageText("{\"type\":\"other\",\"text\":\"hi\"}"));
        assertNull(GeochatV1.messageText("{\"type\":7,\"text\":\"hi\"}"));
        assertNull(GeochatV1.messageText("[\"message\"]"));
        assertNull(GeochatV1.messageText("not json"));
    }

    @Test
    void textWithoutAUtf8FormIsNoMessage() {
        for (String stray : new String[] {"\\ud800", "\\udfff", "\\udc00\\ud800", "a\\ud83d", "\\ude00b"}) {
            assertNull(GeochatV1.messageText("{\"type\":\"message\",\"text\":\"" + stray + "\"}"), stray);
        }
    }

    @Test
    void deepNestingAndTrailingGarbageAreNoMessage() {
        assertNull(GeochatV1.messageText("{\"a\":".repeat(1300) + "1" + "}".repeat(1300)));
        assertNull(GeochatV1.messageText("[".repeat(5000)));
        assertNull(GeochatV1.messageText("{\"type\":\"message\",\"text\":\"x\"} trailing"));
        assertNull(GeochatV1.messageText("{\"type\":\"message\",\"text\":\"x\"}{}"));
        assertEquals("x", GeochatV1.messageText(" {\"type\":\"message\",\"text\":\"x\"}\n"));
    }

    @Provide
    static Arbitrary<String> frames() {
        return NearMisses.json(40, 30, "\\u", "type", "message", "text", "null", "1e999999", "-", "😀");
    }

    /** Whatever arrives, the answer is a text that can be sent, or none; never an exception. */
    @Property(tries = 3000)
    void anyFrameGivesSendableTextOrNothing(@ForAll("frames") String frame) {
        String text = GeochatV1.messageText(frame);
        if (text != null) {
            assertTrue(!text.isBlank() && StandardCharsets.UTF_8.newEncoder().canEncode(text), frame);
        }
    }

    @Property(tries = 1000)
    void anyTextAClientCanEncodeComesBackAsIs(@ForAll("frames") String said) {
        String frame = Json.createObjectBuilder()
                .add("type", "message")
                .add("text", said)
                .build()
                .toString();
        String expected = said.isBlank() || !StandardCharsets.UTF_8.newEncoder().canEncode(said) ? null : said;
        assertEquals(expected, GeochatV1.messageText(frame));
    }
}
