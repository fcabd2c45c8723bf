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

        /** Votes a user may cast a minute on average (changing a vote counts), and at once. */
        @WithDefault("30")
        double perMinute();

        @WithDefault("10")
        int burst();

        /** More voters than this from one address in a battle: the next ones' votes are held for review. */
        @WithDefault("5")
        int perAddress();

        /** Accounts first seen less than this ago are new. */
        @WithDefault("P30D")
        Duration newAccountAge();

        /** This many votes of new accounts in a battle within {@code burst-window}: further new accounts' are held. */
        @WithDefault("20")
        int newAccountBurst();

        @WithDefault("PT10M")
        Duration burstWindow();
    }
}
