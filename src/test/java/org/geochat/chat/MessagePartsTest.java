package org.geochat.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class MessagePartsTest {

    @Test
    void aMessageInOnePartPassesAsItIs() {
        String text = "hello";
        assertSame(text, new MessageParts(10).add(text, true));
    }

    @Test
    void partsAreGatheredIntoOneMessage() {
        MessageParts parts = new MessageParts(10);
        assertNull(parts.add("hel", false));
        assertNull(parts.add("lo ", false));
        assertEquals("hello you", parts.add("you", true));
        assertEquals("next", parts.add("next", true), "a new message starts afresh");
    }

    /** A message over the limit is given on as soon as it is, never a fragment of it as a message of its own. */
    @Test
    void aMessageTooLongIsGivenOnAtOnceAndTheRestOfItDropped() {
        MessageParts parts = new MessageParts(4);
        assertNull(parts.add("abc", false));
        assertEquals("abcde", parts.add("de", false));
        assertNull(parts.add("fgh", false));
        assertNull(parts.add("ij", true));
        assertEquals("ok", parts.add("ok", true));
    }
}
