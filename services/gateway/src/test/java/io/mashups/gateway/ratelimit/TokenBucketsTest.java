package io.mashups.gateway.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void burstIsAllowedThenOneTokenPerPeriod() {
        TokenBuckets buckets = new TokenBuckets(2, 3);
        long t = 1_000 * SECOND;
        for (int i = 0; i < 3; i++) {
            assertEquals(0, buckets.tryTake("u", t));
        }
        long wait = buckets.tryTake("u", t);
        assertEquals(SECOND / 2, wait, 1_000, "half a second until the next token at 2/s");
        assertEquals(0, buckets.tryTake("u", t + SECOND / 2));
        assertTrue(buckets.tryTake("u", t + SECOND / 2) > 0);
    }

    @Test
    void keysAreIndependentAndIdleOnesAreForgotten() {
        TokenBuckets buckets = new TokenBuckets(1, 1);
        long t = 5 * SECOND;
        assertEquals(0, buckets.tryTake("a", t));
        assertTrue(buckets.tryTake("a", t) > 0);
        assertEquals(0, buckets.tryTake("b", t));

        buckets.evictIdle(t + 2 * SECOND);

        assertEquals(0, buckets.size());
        assertEquals(0, buckets.tryTake("a", t + 2 * SECOND), "a forgotten key starts full");
    }

    @Test
    void refillNeverExceedsTheBurst() {
        TokenBuckets buckets = new TokenBuckets(100, 2);
        long t = 0;
        buckets.tryTake("u", t);
        long later = t + 3600 * SECOND;
        assertEquals(0, buckets.tryTake("u", later));
        assertEquals(0, buckets.tryTake("u", later));
        assertTrue(buckets.tryTake("u", later) > 0);
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TokenBuckets(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new TokenBuckets(1, 0));
    }
}
