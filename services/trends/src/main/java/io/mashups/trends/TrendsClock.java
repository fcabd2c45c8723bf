package io.mashups.trends;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** The time schedules, quotas, velocities and scores read: UTC, one bean, so a test can move it. */
public class TrendsClock {
    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }
}
