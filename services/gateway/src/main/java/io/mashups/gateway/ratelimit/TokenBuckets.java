package io.mashups.gateway.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Token buckets by key (a user or a client address): each key may burst up to {@code burst} requests and then
 * {@code ratePerSecond}. Counts are per gateway replica.
 */
public final class TokenBuckets {
    private final double ratePerNano;
    private final int burst;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public TokenBuckets(double ratePerSecond, int burst) {
        if (ratePerSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate must be positive and burst at least 1");
        }
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
    }

    /** Takes a token for {@code key}; returns 0 when allowed, else the nanoseconds until a token is free. */
    public long tryTake(String key, long nowNanos) {
        return buckets.computeIfAbsent(key, k -> new Bucket(burst, nowNanos)).take(nowNanos, ratePerNano, burst);
    }

    /** Forgets keys that have been idle long enough to be full again, so memory follows active clients only. */
    public void evictIdle(long nowNanos) {
        long refillNanos = (long) (burst / ratePerNano);
        buckets.values().removeIf(b -> b.idleSince(nowNanos) > refillNanos);
    }

    int size() {
        return buckets.size();
    }

    private static final class Bucket {
        private double tokens;
        private long updated;

        Bucket(int burst, long now) {
            this.tokens = burst;
            this.updated = now;
        }

        synchronized long take(long now, double ratePerNano, int burst) {
            tokens = Math.min(burst, tokens + (now - updated) * ratePerNano);
            updated = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / ratePerNano);
        }

        synchronized long idleSince(long now) {
            return now - updated;
        }
    }
}
