package io.mashups.community;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "mashups.community")
public interface CommunityConfig {
    Votes votes();

    Battles battles();

    Challenges challenges();

    interface Challenges {
        /** The zone whose midnights start daily challenges and whose Mondays start weekly ones. */
        @WithDefault("UTC")
        java.time.ZoneId zone();

        /** Whether the service opens a daily and a weekly challenge by itself from its rota of themes. */
        @WithDefault("true")
        boolean rota();

        /** How often the clock opens, closes and ranks challenges (a transition is at most this late). */
        @WithDefault("1s")
        Duration clockPeriod();

        /** How long before its end a challenge's leaderboard freezes (the frozen board is what everyone sees). */
        @WithDefault("PT1H")
        Duration freezeBefore();

        /** The first fraction of a challenge's window in which a submission earns the early bonus. */
        @WithDefault("0.25")
        double earlyFraction();

        /** The credits the rota's daily and weekly challenges reward their winner with. */
        @WithDefault("100")
        int dailyReward();

        @WithDefault("500")
        int weeklyReward();

        /** How many of the final places {@code community.challenge-completed} carries. */
        @WithDefault("10")
        int publishedPlaces();

        /**
         * How old a replica's copy of a leaderboard may be before a read checks it behind its answer, and rereads it
         * if other replicas or other writes changed the board: how late changes made elsewhere show (this replica's
         * own show at once).
         */
        @WithDefault("1s")
        Duration boardRefresh();

        /**
         * How old a copy may be before it is reread even though no one else changed the board: how late new names,
         * avatars and mashup titles show on it, and how long an update handed to it whose transaction then rolled
         * back can show (its retry is handed over again).
         */
        @WithDefault("30s")
        Duration boardFullRefresh();

        /**
         * The most entries a replica's copies of leaderboards hold together (the least recently read copy goes
         * first); a leaderboard with more is read from the database a page at a time.
         */
        @WithDefault("50000")
        int boardCopyEntries();
    }

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

        /**
         * Votes are committed in groups: at most this many transactions of votes in flight per replica; votes that
         * arrive meanwhile wait and go together in the next one (one commit and one round trip for them all).
         */
        @WithDefault("4")
        int groupsInFlight();

        /** The most votes in one group. */
        @WithDefault("64")
        int groupSize();
    }
}
