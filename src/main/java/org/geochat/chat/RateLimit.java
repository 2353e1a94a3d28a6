package org.geochat.chat;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A token bucket per connection: {@code capacity} messages, refilled evenly over {@code window}. Written like
 * {@code 20/10s}; {@code off} lets everything through. Used by one session's message handler only, which the
 * container never calls concurrently, so it needs no synchronisation.
 */
final class RateLimit {

    private static final Pattern SPEC = Pattern.compile("(\\d{1,6})/(\\d{1,6})(ms|s|m)");

    /** The verdict on one message. */
    enum Verdict {
        ALLOWED,
        REFUSED,
        ABUSIVE
    }

    private final int capacity;
    private final long windowNanos;
    private double tokens;
    private long last;
    private int refusedInARow;

    private RateLimit(int capacity, Duration window, long now) {
        this.capacity = capacity;
        this.windowNanos = window.toNanos();
        this.tokens = capacity;
        this.last = now;
    }

    /** The rule a setting describes, or null for {@code off}. */
    static Rule parse(String spec) {
        String value = spec.strip().toLowerCase(Locale.ROOT);
        if (value.equals("off")) {
            return null;
        }
        Matcher m = SPEC.matcher(value);
        if (!m.matches() || Integer.parseInt(m.group(1)) == 0 || Integer.parseInt(m.group(2)) == 0) {
            throw new IllegalArgumentException("'" + spec + "' is not a rate like 20/10s (or off)");
        }
        long amount = Long.parseLong(m.group(2));
        Duration window = switch (m.group(3)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
        return new Rule(Integer.parseInt(m.group(1)), window);
    }

    /** A rate, as configured: {@code capacity} messages per {@code window}. */
    record Rule(int capacity, Duration window) {
        RateLimit start(long nowNanos) {
            return new RateLimit(capacity, window, nowNanos);
        }

        @Override
        public String toString() {
            return capacity + "/" + window.toMillis() + "ms";
        }
    }

    /**
     * Takes a token if there is one. Refused messages are answered with an error frame; as many refusals in a
     * row as the bucket holds mean the client ignores them, and the caller closes the connection (1008).
     */
    Verdict take(long nowNanos) {
        tokens = Math.min(capacity, tokens + (double) (nowNanos - last) * capacity / windowNanos);
        last = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            refusedInARow = 0;
            return Verdict.ALLOWED;
        }
        return ++refusedInARow >= capacity ? Verdict.ABUSIVE : Verdict.REFUSED;
    }
}
