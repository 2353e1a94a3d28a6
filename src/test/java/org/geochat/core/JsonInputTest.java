package org.geochat.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.geochat.testing.NearMisses;
import org.junit.jupiter.api.Test;

/** One JSON value and nothing else, or {@link JsonInput.Malformed}: nothing else ever comes out of a parse. */
class JsonInputTest {

    @Test
    void readsOneValueWithWhitespaceAround() {
        assertEquals(
                JsonValue.ValueType.ARRAY, JsonInput.read(" [\"8.8.8.8\"]\r\n").getValueType());
        assertEquals(
                JsonValue.ValueType.OBJECT,
                JsonInput.read("{\"a\":{\"b\":[1,2]}}").getValueType());
    }

    @Test
    void refusesAnythingAfterTheValue() {
        for (String trailing : new String[] {
            "[\"8.8.8.8\"] this is not JSON",
            "{\"type\":\"message\",\"text\":\"x\"} trailing",
            "[1] [2]",
            "{}{}",
            "1 2",
            "\"a\" ,"
        }) {
            assertThrows(JsonInput.Malformed.class, () -> JsonInput.read(trailing), trailing);
        }
    }

    @Test
    void refusesNestingDeeperThanAThousand() {
        JsonInput.Malformed deep = assertThrows(
                JsonInput.Malformed.class, () -> JsonInput.read("{\"a\":".repeat(1300) + "1" + "}".repeat(1300)));
        assertEquals(RuntimeException.class, deep.getCause().getClass(), "Parsson's bare RuntimeException, caught");
        assertThrows(JsonInput.Malformed.class, () -> JsonInput.read("[".repeat(100_000)));
    }

    @Test
    void aStreamThatFailsIsMalformedWithItsCause() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("No data available due to previous error");
            }
        };
        assertTrue(assertThrows(JsonInput.Malformed.class, () -> JsonInput.read(broken))
                .causedBy(IOException.class));
        assertThrows(
                JsonInput.Malformed.class,
                () -> JsonInput.read(new ByteArrayInputStream(new byte[] {'[', '"', (byte) 0xC3, 0x28, '"', ']'})));
    }

    @Provide
    static Arbitrary<String> texts() {
        return NearMisses.json(50, 40, "\\u12", "true", "nul", "1e999999999", "-0", "0x1", "\n", "é");
    }

    @Property(tries = 5000)
    void anyTextIsOneValueOrMalformed(@ForAll("texts") String text) {
        try {
            JsonValue value = JsonInput.read(text);
            assertEquals(value, JsonInput.read(value.toString()), "a value read back reads the same");
        } catch (JsonInput.Malformed expected) {
            // the only other outcome
        }
    }
}
