package org.geochat.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Stray surrogates, checked against the JDK's own UTF-8 encoder. */
class UnicodeTextTest {

    /** Strings of any UTF-16 units, stray surrogates (and reversed pairs) far more often than chance would give them. */
    @Provide
    static Arbitrary<String> utf16() {
        return Arbitraries.oneOf(
                        Arbitraries.chars().all(),
                        Arbitraries.chars().range('\uD800', '\uDFFF'),
                        Arbitraries.chars().ascii())
                .list()
                .ofMaxSize(12)
                .map(chars -> {
                    StringBuilder text = new StringBuilder();
                    chars.forEach(text::append);
                    return text.toString();
                });
    }

    @Property(tries = 2000)
    void wellFormedMeansTheJdkCanEncodeItAsUtf8(@ForAll("utf16") String text) {
        assertEquals(
                StandardCharsets.UTF_8.newEncoder().canEncode(text),
                UnicodeText.isWellFormed(text),
                text.chars().mapToObj(Integer::toHexString).toList().toString());
    }

    @Property(tries = 2000)
    void repairedTextAlwaysEncodesAndKeepsItsLengthAndEveryOtherChar(@ForAll("utf16") String text) {
        String repaired = UnicodeText.repaired(text);
        assertTrue(StandardCharsets.UTF_8.newEncoder().canEncode(repaired));
        assertEquals(text.length(), repaired.length());
        for (int i = 0; i < text.length(); i++) {
            assertTrue(repaired.charAt(i) == text.charAt(i) || repaired.charAt(i) == UnicodeText.REPLACEMENT);
        }
    }

    @Test
    void strayHalvesAreFoundAndPairsAreNot() {
        assertFalse(UnicodeText.isWellFormed("\uD800"));
        assertFalse(UnicodeText.isWellFormed("\uDFFF"));
        assertFalse(UnicodeText.isWellFormed("\uDC00\uD800")); // a pair written backwards
        assertFalse(UnicodeText.isWellFormed("a\uD83D"));
        assertTrue(UnicodeText.isWellFormed("\uD83D\uDE00 ok"));
        assertEquals("\uFFFD\uFFFDx", UnicodeText.repaired("\uDC00\uD800x"));
        String fine = "naïve 😀";
        assertSame(fine, UnicodeText.repaired(fine));
    }
}
