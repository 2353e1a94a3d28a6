package org.geochat.demo;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** One demo request as it arrived: the delay it asks for, the thread that received it, and when. */
record DemoRequest(long ms, String receivedOn, long startedNanos) {

    static final int MAX_MS = 10_000;
    static final int DEFAULT_MS = 500;

    /** Starts the clock on the calling (receiving) thread; {@code ms} as written in the query, may be null. */
    static DemoRequest start(String ms) {
        return start(ms, DEFAULT_MS);
    }

    static DemoRequest start(String ms, int defaultMs) {
        return new DemoRequest(parseMs(ms, defaultMs), Thread.currentThread().getName(), System.nanoTime());
    }

    static long parseMs(String ms, int defaultMs) {
        return DemoParameters.integer("ms", ms, defaultMs, 0, MAX_MS);
    }

    Duration delay() {
        return Duration.ofMillis(ms);
    }

    /** The answer, stamped with the current thread as the one that resumes the response. */
    DemoAnswer answer(String style, int upstreamCalls) {
        return answer(style, upstreamCalls, null, null, null);
    }

    DemoAnswer answer(String style, int upstreamCalls, Integer n, String shape, Object results) {
        return new DemoAnswer(
                style,
                ms,
                elapsedMillis(),
                upstreamCalls,
                receivedOn,
                Thread.currentThread().getName(),
                n,
                shape,
                results);
    }

    long elapsedMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }
}
