package org.geochat.demo;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * What every demo style answers: which style, the delay asked for, how long it took, how many upstream calls
 * it made, and the thread that received the request beside the one that resumed it (the same thread means
 * it was held for the whole wait). {@code n}, {@code shape} and {@code results} belong to the parallel style.
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
        Object results) {}
