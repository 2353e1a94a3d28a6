package org.geochat.demo;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.stream.JsonGenerator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.geochat.core.JsonRecord;

/**
 * What every demo style answers: which style, the delay asked for, how long it took, how many upstream calls
 * it made, and the thread that received the request beside the one that resumed it (the same thread means
 * it was held for the whole wait). {@code n}, {@code shape} and {@code results} belong to the parallel style:
 * its results are a list of answers, or a map of them by name.
 */
@JsonbPropertyOrder({"style", "ms", "elapsedMs", "upstreamCalls", "receivedOn", "resumedOn", "n", "shape", "results"})
public record DemoAnswer(
        String style,
        long ms,
        long elapsedMs,
        int upstreamCalls,
        String receivedOn,
        String resumedOn,
        Integer n,
        String shape,
        Object results)
        implements JsonRecord {

    /**
     * The answer a slow upstream sent, if {@code json} is an object with a string {@code style} and a number
     * {@code ms}; its {@code results} are not read.
     */
    static Optional<DemoAnswer> from(JsonValue json) {
        if (!(json instanceof JsonObject o)
                || !(o.get("style") instanceof JsonString style)
                || !(o.get("ms") instanceof JsonNumber ms)) {
            return Optional.empty();
        }
        return Optional.of(new DemoAnswer(
                style.getString(),
                ms.longValue(),
                o.get("elapsedMs") instanceof JsonNumber elapsed ? elapsed.longValue() : 0,
                o.get("upstreamCalls") instanceof JsonNumber calls ? calls.intValue() : 0,
                o.get("receivedOn") instanceof JsonString received ? received.getString() : null,
                o.get("resumedOn") instanceof JsonString resumed ? resumed.getString() : null,
                null,
                null,
                null));
    }

    @Override
    public void writeTo(JsonGenerator json) {
        json.writeStartObject();
        JsonRecord.field(json, "style", style);
        json.write("ms", ms);
        json.write("elapsedMs", elapsedMs);
        json.write("upstreamCalls", upstreamCalls);
        JsonRecord.field(json, "receivedOn", receivedOn);
        JsonRecord.field(json, "resumedOn", resumedOn);
        if (n != null) {
            json.write("n", n);
        }
        JsonRecord.field(json, "shape", shape);
        if (results instanceof List<?> list) {
            json.writeStartArray("results");
            list.forEach(answer -> ((JsonRecord) answer).writeTo(json));
            json.writeEnd();
        } else if (results instanceof Map<?, ?> map) {
            json.writeStartObject("results");
            map.forEach((name, answer) -> JsonRecord.field(json, (String) name, (JsonRecord) answer));
            json.writeEnd();
        }
        json.writeEnd();
    }
}
