package io.mashups.studio.room;

/**
 * A token bucket per connection: {@code rate} messages a second on average, {@code burst} at once. Messages beyond
 * it are refused; a client that has {@code closeAfter} refused without letting the bucket fill up again is
 * disconnected.
 */
final class FloodGuard {
    private final double ratePerNano;
    private final int burst;
    private final int closeAfter;
    private double tokens;
    private long last = System.nanoTime();
    private int refusedSinceCalm;
    private long lastWarning;

    FloodGuard(int perSecond, int burst, int closeAfter) {
        this.ratePerNano = perSecond / 1e9;
        this.burst = burst;
        this.closeAfter = closeAfter;
        this.tokens = burst;
    }

    enum Verdict {
        ACCEPT,
        REFUSE_QUIETLY,
        REFUSE_AND_WARN,
        CLOSE
    }

    synchronized Verdict admit() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - last) * ratePerNano);
        last = now;
        if (tokens >= burst) {
            refusedSinceCalm = 0; // the client slowed down long enough to fill the bucket again
        }
        if (tokens >= 1) {
            tokens -= 1;
            return Verdict.ACCEPT;
        }
        refusedSinceCalm++;
        if (refusedSinceCalm >= closeAfter) {
            return Verdict.CLOSE;
        }
        // one warning a second is enough for a client to slow down
        if (now - lastWarning > 1_000_000_000L) {
            lastWarning = now;
            return Verdict.REFUSE_AND_WARN;
        }
        return Verdict.REFUSE_QUIETLY;
    }
}
