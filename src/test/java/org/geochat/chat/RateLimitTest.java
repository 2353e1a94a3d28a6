package org.geochat.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RateLimitTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void parsesTheSettingsForm() {
        assertEquals(new RateLimit.Rule(20, Duration.ofSeconds(10)), RateLimit.parse("20/10s"));
        assertEquals(new RateLimit.Rule(5, Duration.ofMinutes(1)), RateLimit.parse(" 5/1m "));
        assertEquals(new RateLimit.Rule(3, Duration.ofMillis(500)), RateLimit.parse("3/500ms"));
        assertNull(RateLimit.parse("OFF"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"20", "20/", "/10s", "0/10s", "20/0s", "20/10h", "-1/10s", "a/b"})
    void refusesAnythingElse(String spec) {
        assertThrows(IllegalArgumentException.class, () -> RateLimit.parse(spec));
    }

    @Test
    void aFullBucketAllowsItsCapacityAtOnceThenRefillsEvenly() {
        RateLimit limit = RateLimit.parse("4/4s").start(0);
        for (int i = 0; i < 4; i++) {
            assertEquals(RateLimit.Verdict.ALLOWED, limit.take(0));
        }
        assertEquals(RateLimit.Verdict.REFUSED, limit.take(0));
        assertEquals(RateLimit.Verdict.ALLOWED, limit.take(SECOND), "one token back after a quarter of the window");
        assertEquals(RateLimit.Verdict.REFUSED, limit.take(SECOND));
    }

    @Test
    void asManyRefusalsInARowAsTheBucketHoldsIsAbuse() {
        RateLimit limit = RateLimit.parse("3/60s").start(0);
        for (int i = 0; i < 3; i++) {
            limit.take(0);
        }
        assertEquals(RateLimit.Verdict.REFUSED, limit.take(0));
        assertEquals(RateLimit.Verdict.REFUSED, limit.take(0));
        assertEquals(RateLimit.Verdict.ABUSIVE, limit.take(0));
    }

    @Test
    void anAllowedMessageForgivesEarlierRefusals() {
        RateLimit limit = RateLimit.parse("2/2s").start(0);
        limit.take(0);
        limit.take(0);
        assertEquals(RateLimit.Verdict.REFUSED, limit.take(0));
        assertEquals(RateLimit.Verdict.ALLOWED, limit.take(SECOND));
        assertEquals(RateLimit.Verdict.REFUSED, limit.take(SECOND));
        assertEquals(RateLimit.Verdict.ABUSIVE, limit.take(SECOND));
    }
}
