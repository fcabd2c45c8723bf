package io.mashups.analyticsingest.capture;

import io.mashups.analyticsingest.IngestConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * How many events each device may send: a token bucket per device (on this replica), so a player flushing its queue
 * gets through while a script replaying plays at machine speed is cut off. Idle devices are forgotten.
 */
@ApplicationScoped
public class DeviceRates {
    private final double perSecond;
    private final double burst;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public DeviceRates(IngestConfig config) {
        this.perSecond = config.capture().deviceEventsPerSecond();
        this.burst = config.capture().deviceBurst();
    }

    private final class Bucket {
        double tokens = burst;
        long updated = System.nanoTime();

        synchronized int take(int wanted, long now) {
            tokens = Math.min(burst, tokens + (now - updated) / 1e9 * perSecond);
            updated = now;
            int granted = (int) Math.min(wanted, Math.floor(tokens));
            tokens -= granted;
            return granted;
        }

        synchronized boolean full(long now) {
            return tokens + (now - updated) / 1e9 * perSecond >= burst;
        }
    }

    /** How many of {@code wanted} events the device may send now (the first ones of its batch). */
    public int admit(String deviceId, int wanted) {
        return buckets.computeIfAbsent(deviceId, id -> new Bucket()).take(wanted, System.nanoTime());
    }

    @Scheduled(every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetIdle() {
        long now = System.nanoTime();
        buckets.values().removeIf(bucket -> bucket.full(now) && now - bucket.updated > TimeUnit.MINUTES.toNanos(1));
    }
}
