package org.geochat.testing;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.geochat.core.JsonRecord;
import org.geochat.core.JsonRecordWriter;

/** What goes on the wire for an answer, as text: through {@link JsonRecordWriter}, or through JSON-B as Jersey's provider sends it. */
public final class JsonBytes {

    private static final Jsonb JSONB = JsonbBuilder.create();

    private JsonBytes() {}

    public static String written(JsonRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new JsonRecordWriter()
                    .writeTo(record, record.getClass(), record.getClass(), null, null, new MultivaluedHashMap<>(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** UTF-8 bytes written to a stream: a lone surrogate becomes {@code ?}, as on the wire. */
    public static String jsonB(Object record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JSONB.toJson(record, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
