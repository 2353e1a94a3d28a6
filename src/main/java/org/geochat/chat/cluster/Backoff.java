package org.geochat.chat.cluster;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before trying Redis again: doubling from {@code min} up to {@code max} while attempts keep
 * failing, each wait drawn between half and all of that (so nodes that lost Redis together do not all come
 * back in the same millisecond), and back to {@code min} after a success.
 */
final class Backoff {

    /** The bounds of every wait for Redis, Lettuce's own reconnects included. */
    static final Duration MIN = Duration.ofMillis(100);

    static final Duration MAX = Duration.ofSeconds(5);

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

    /** Between {@link #MIN} and {@link #MAX}: how geochat waits for Redis. */
    static Backoff forRedis() {
        return new Backoff(MIN, MAX);
    }

    synchronized void reset() {
        ceiling = minNanos;
    }
}
