package org.geochat.core;

import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads one JSON value that a client sent: the whole input must be that one value (anything after it but
 * whitespace is refused, which {@code JsonReader} lets through), nested at most 1,000 deep (Parsson's limit).
 * Every way the input can be wrong ends as {@link Malformed}: Parsson reports some limits with a bare
 * {@link RuntimeException}, and nothing a client sends may escape a parser as anything else.
 */
public final class JsonInput {

    private JsonInput() {}

    /** The input was not one JSON value; {@link #getCause()} tells why (a reader's own {@code IOException} included). */
    public static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed(Throwable cause) {
            super("not one JSON value", cause);
        }

        /** Whether {@code type} is among the causes, such as the exception of a stream that stopped reading. */
        public boolean causedBy(Class<? extends Throwable> type) {
            for (Throwable t = getCause(); t != null; t = t.getCause()) {
                if (type.isInstance(t)) {
                    return true;
                }
            }
            return false;
        }
    }

    public static JsonValue read(String text) {
        return read(() -> Jsonp.PROVIDER.createParser(new StringReader(text)));
    }

    /**
     * UTF-8, as RFC 8259 requires, strictly: bytes that are not UTF-8 are malformed input, not replaced with
     * U+FFFD (Parsson's own decoding would). A byte-order mark at the start is ignored, as RFC 8259 allows.
     */
    public static JsonValue read(InputStream in) {
        CharsetDecoder strict = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return read(() -> Jsonp.PROVIDER.createParser(withoutByteOrderMark(new InputStreamReader(in, strict))));
    }

    /**
     * The body of an upstream's answer as one JSON value, read as strictly as a client's; empty when it is not
     * one, or could not be read. The caller closes the response.
     */
    public static Optional<JsonValue> body(Response response) {
        try {
            return Optional.of(read(response.readEntity(InputStream.class)));
        } catch (Malformed | ProcessingException e) {
            return Optional.empty();
        }
    }

    private static Reader withoutByteOrderMark(Reader in) {
        PushbackReader reader = new PushbackReader(in, 1);
        try {
            int first = reader.read();
            if (first >= 0 && first != '\uFEFF') {
                reader.unread(first);
            }
        } catch (IOException e) {
            throw new Malformed(e);
        }
        return reader;
    }

    private static JsonValue read(Supplier<JsonParser> parsers) {
        try (JsonParser parser = parsers.get()) {
            parser.next();
            JsonValue value = parser.getValue();
            if (parser.hasNext()) { // Parsson throws for trailing tokens; this covers a parser that would not
                throw new IllegalStateException("more after the value");
            }
            return value;
        } catch (Malformed e) {
            throw e;
        } catch (RuntimeException e) { // deliberately broad: see the class comment
            throw new Malformed(e);
        }
    }
}
