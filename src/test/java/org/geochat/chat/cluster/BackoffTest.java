package org.geochat.chat.cluster;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Duration MIN = Duration.ofMillis(100);
    private static final Duration MAX = Duration.ofSeconds(5);

    @Test
    void waitsDoubleWithJitterUpToTheMaximumAndNeverReachZero() {
        Backoff backoff = new Backoff(MIN, MAX);
        long ceiling = MIN.toNanos();
        for (int attempt = 0; attempt < 20; attempt++) {
            Duration wait = backoff.next();
            assertTrue(
                    wait.toNanos() >= ceiling / 2 && wait.toNanos() <= ceiling,
                    attempt + ": " + wait + " not within [" + ceiling / 2 + ", " + ceiling + "] ns");
            ceiling = Math.min(MAX.toNanos(), ceiling * 2);
        }
        assertTrue(
                backoff.next().compareTo(MAX.dividedBy(2)) >= 0, "after many failures the waits stay near the maximum");
    }

    @Test
    void aSuccessStartsOverFromTheMinimum() {
        Backoff backoff = new Backoff(MIN, MAX);
        for (int i = 0; i < 10; i++) {
            backoff.next();
        }
        backoff.reset();
        assertTrue(backoff.next().compareTo(MIN) <= 0);
    }

    @Test
    void boundsMustMakeSense() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, MAX));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(MAX, MIN));
    }
}
