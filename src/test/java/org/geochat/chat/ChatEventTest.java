package org.geochat.chat;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** An event's frames can always be sent, whatever its parts held: a frame no container can encode would fail for everyone. */
class ChatEventTest {

    /** The JDK's strict encoder, as the containers use it: a stray surrogate is an error, not a '?'. */
    private static ByteBuffer strictUtf8(String text) throws Exception {
        return StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(text));
    }

    @Property(tries = 2000)
    void bothFramesEncodeWhateverTheTextNickAndAddressHeld(
            @ForAll("utf16") String text, @ForAll("utf16") String nick, @ForAll("utf16") String ip) {
        ChatEvent event =
                ChatEvent.of(ChatEvent.Type.MESSAGE, 3, "e1", "r", nick, ip, "DE", Instant.EPOCH, text, "n-1");
        assertDoesNotThrow(() -> strictUtf8(event.json().text()));
        assertDoesNotThrow(() -> strictUtf8(event.line().text()));
        assertEquals(strictUtf8Length(event.json().text()), event.json().bytes());
    }

    @Provide
    static Arbitrary<String> utf16() {
        return UnicodeTextTest.utf16();
    }

    private static int strictUtf8Length(String text) {
        try {
            return strictUtf8(text).remaining();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aStraySurrogateFromAStreamEntryIsShownAsTheReplacementCharacter() {
        ChatEvent event =
                ChatEvent.of(ChatEvent.Type.MESSAGE, 3, "e1", "r", "ann", null, null, Instant.EPOCH, "a\uD800b", null);
        assertEquals("a\uFFFDb", event.text());
        assertEquals(3, event.numbered(3, "e1").id());
    }
}
