package org.geochat.core;

import jakarta.json.stream.JsonGenerator;

/**
 * A record that writes its own JSON, the same JSON JSON-B would write for it (its property order, null fields
 * left out), for answers on every request's path. {@link JsonRecordWriter} writes it without JSON-B.
 */
public interface JsonRecord {

    /** Writes this record as one JSON object (a value: inside an array, or after {@code writeKey}). */
    void writeTo(JsonGenerator json);

    /** Writes {@code "name": value} unless the value is null. */
    static void field(JsonGenerator json, String name, String value) {
        if (value != null) {
            json.write(name, value);
        }
    }

    /** Writes {@code "name": value} unless the value is null. */
    static void field(JsonGenerator json, String name, Double value) {
        if (value != null) {
            json.write(name, value);
        }
    }

    /** Writes {@code "name": {...}} unless the value is null. */
    static void field(JsonGenerator json, String name, JsonRecord value) {
        if (value != null) {
            json.writeKey(name);
            value.writeTo(json);
        }
    }
}
