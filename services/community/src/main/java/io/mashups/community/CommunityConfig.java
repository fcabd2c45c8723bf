package io.mashups.community;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "mashups.community")
public interface CommunityConfig {
    Votes votes();

    Battles battles();

    interface Battles {
        /** How often the clock moves battles to the phase their times give (a transition is at most this late). */
        @WithDefault("1s")
        Duration clockPeriod();
    }

    interface Votes {
        /** How long after community first saw an account it may vote (a new account cannot vote at once). */
        @WithDefault("P3D")
        Duration minAccountAge();
    }
}
