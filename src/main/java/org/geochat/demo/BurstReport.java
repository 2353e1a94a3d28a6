package org.geochat.demo;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** A burst of concurrent requests to one demo style, as the demo page charts it. */
@JsonbPropertyOrder({"style", "ms", "concurrency", "totalMs", "requests"})
public record BurstReport(String style, long ms, int concurrency, long totalMs, List<Timing> requests) {

    /**
     * One request of the burst: when it was sent and how long it took (ms since the burst started), its
     * HTTP status (0: no answer within the deadline), the problem code of a failure, and the threads that
     * received and resumed it.
     */
    @JsonbPropertyOrder({"startMs", "latencyMs", "status", "code", "receivedOn", "resumedOn"})
    public record Timing(long startMs, long latencyMs, int status, String code, String receivedOn, String resumedOn) {}
}
