package org.geochat.lookup;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geochat.core.JsonInput;
import org.geochat.core.ProblemException;

/**
 * A batch request body: a JSON array of entries, or a JSON object of named entries (the tutorial's
 * {@code yield [a, b]} and {@code yield dict(a=..., b=...)}). Results come back in the same shape.
 */
record Batch(List<String> names, List<JsonValue> entries) {

    /** Body bytes allowed per entry: a name, an address and JSON punctuation fit many times over. */
    private static final int BYTES_PER_ENTRY = 1024;

    /** Reads a body of at most {@code maxEntries} entries, or throws a 400/413 {@link ProblemException}. */
    public static Batch read(InputStream body, int maxEntries) {
        JsonValue value;
        try {
            value = JsonInput.read(new CappedStream(body, (long) BYTES_PER_ENTRY * (maxEntries + 1)));
        } catch (JsonInput.Malformed e) {
            if (e.causedBy(CappedStream.TooLarge.class)) {
                throw LookupProblems.batchTooLarge(maxEntries).toException();
            }
            throw LookupProblems.invalidBatch("The body is not one JSON value (or is nested over 1,000 deep).")
                    .toException();
        }
        Batch batch = switch (value.getValueType()) {
            case ARRAY -> new Batch(null, value.asJsonArray());
            case OBJECT -> {
                JsonObject object = value.asJsonObject();
                yield new Batch(List.copyOf(object.keySet()), List.copyOf(object.values()));
            }
            default ->
                throw LookupProblems.invalidBatch("The body is JSON but neither an array nor an object.")
                        .toException();
        };
        if (batch.entries.size() > maxEntries) {
            throw LookupProblems.batchTooLarge(maxEntries).toException();
        }
        return batch;
    }

    /** The entry's text if it is a JSON string, else null. */
    public static String text(JsonValue entry) {
        return entry instanceof JsonString s ? s.getString() : null;
    }

    /** Puts one result per entry, in entry order, into the batch's shape: a list, or a map under the same names. */
    public Object shape(List<?> results) {
        if (names == null) {
            return results;
        }
        Map<String, Object> byName = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            byName.put(names.get(i), results.get(i));
        }
        return byName;
    }

    /** Stops reading past a byte limit, so an oversized body is refused without being buffered. */
    private static final class CappedStream extends InputStream {

        static final class TooLarge extends IOException {
            private static final long serialVersionUID = 1L;
        }

        private final InputStream in;
        private long left;

        CappedStream(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, (int) Math.min(length, left + 1));
            if (n > 0 && (left -= n) < 0) {
                throw new TooLarge();
            }
            return n;
        }
    }
}
