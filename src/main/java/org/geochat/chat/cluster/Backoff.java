package org.geochat.chat.cluster;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before trying Redis again: doubling from {@code min} up to {@code max} while attempts keep
 * failing, each wait drawn between half and all of that (so nodes that lost Redis together do not all come
 * back in the same millisecond), and back to {@code min} after a success.
 */
final class Backoff {

    private final long minNanos;
    private final long maxNanos;
    private long ceiling;

    Backoff(Duration min, Duration max) {
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("need 0 < min <= max, not " + min + " and " + max);
        }
        this.minNanos = min.toNanos();
        this.maxNanos = max.toNanos();
        this.ceiling = minNanos;
    }

    /** The wait before the next attempt, after one more failure. */
    synchronized Duration next() {
        long wait = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        ceiling = Math.min(maxNanos, ceiling * 2);
        return Duration.ofNanos(Math.max(wait, 1));
    }

    synchronized void reset() {
        ceiling = minNanos;
    }
}
