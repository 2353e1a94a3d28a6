package org.geochat.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.geochat.core.ProblemException;
import org.junit.jupiter.api.Test;

class BatchTest {

    private static Batch read(String body, int max) {
        return Batch.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), max);
    }

    private static String failure(String body, int max) {
        return assertThrows(ProblemException.class, () -> read(body, max))
                .problem()
                .code();
    }

    @Test
    void readsAnArrayAsAList() {
        Batch batch = read("[\"8.8.8.8\", 42, null]", 10);
        assertNull(batch.names());
        assertEquals("8.8.8.8", Batch.text(batch.entries().get(0)));
        assertNull(Batch.text(batch.entries().get(1)));
        assertEquals(List.of("a", "b", "c"), batch.shape(List.of("a", "b", "c")));
    }

    @Test
    void readsAnObjectAsNamedEntriesInOrder() {
        Batch batch = read("{\"z\": \"1.1.1.1\", \"a\": \"8.8.8.8\"}", 10);
        assertEquals(List.of("z", "a"), batch.names());
        assertEquals(List.of("z", "a"), List.copyOf(((Map<?, ?>) batch.shape(List.of(1, 2))).keySet()));
    }

    @Test
    void refusesTooManyEntries() {
        assertEquals(2, read("[\"1.1.1.1\", \"1.1.1.2\"]", 2).entries().size());
        assertEquals("batch-too-large", failure("[\"1.1.1.1\", \"1.1.1.2\", \"1.1.1.3\"]", 2));
    }

    @Test
    void refusesAHugeBodyWithoutReadingItAll() {
        assertEquals("batch-too-large", failure("[\"" + "x".repeat(50_000) + "\"]", 10));
    }

    @Test
    void refusesWhatIsNotABatch() {
        assertEquals("invalid-batch", failure("", 10));
        assertEquals("invalid-batch", failure("[1, 2", 10));
        assertEquals("invalid-batch", failure("\"8.8.8.8\"", 10));
        assertEquals("invalid-batch", failure("42", 10));
        assertEquals("invalid-batch", failure("not json", 10));
    }
}
