package io.mashups.trends;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code mashups.trends.*}. */
@ConfigMapping(prefix = "mashups.trends")
public interface TrendsConfig {
    /**
     * How often each replica looks for charts due, a scheduler period read by {@code SweepClock} ({@code off} in
     * tests, which sweep by hand); each chart has its own period, {@link Source#every()}.
     */
    @WithDefault("1m")
    String tick();

    /** The secret {@code GET /api/cron/fetch-trends} wants as its bearer token; unset, the endpoint answers 401. */
    Optional<String> cronSecret();

    /** A chart's weight in the combined score halves every this long after its latest fetch. */
    @WithDefault("12h")
    Duration halfLife();

    /** How much a day's climb counts in the combined score beside the rank itself (see README). */
    @WithDefault("0.5")
    double momentum();

    /** Rank history older than this is deleted. */
    @WithDefault("30d")
    Duration keepHistory();

    Source youtube();

    Deezer deezer();

    @WithName("apple-music")
    Source appleMusic();

    Source lastfm();

    Licensed licensed();

    Mashups mashups();

    /** One source's schedule, budget and circuit breaker. */
    interface Source {
        @WithDefault("true")
        boolean enabled();

        /** The provider's API root. */
        Optional<String> baseUrl();

        /** The API key, where the provider wants one; without it the source is skipped and reported. */
        Optional<String> key();

        /** Regions (ISO 3166 country codes, lower or upper case as the provider wants) fetched each sweep. */
        @WithDefault("us")
        List<String> regions();

        /** How often the source's charts are fetched. */
        @WithDefault("1h")
        Duration every();

        /** The source's weight in the combined score. */
        @WithDefault("1")
        double weight();

        /** Entries kept per chart. */
        @WithDefault("50")
        int maxItems();

        @WithDefault("10s")
        Duration timeout();

        /** Requests the source may make per minute on one replica (a rate limit, refused beyond). */
        @WithDefault("30")
        int requestsPerMinute();

        /** Quota units a day (YouTube's 10,000); 0 for none. */
        @WithDefault("0")
        int dailyQuota();

        /** Failed fetches among the last {@code breakerWindow} that open the circuit. */
        @WithDefault("3")
        int breakerFailures();

        @WithDefault("4")
        int breakerWindow();

        /** How long an open circuit refuses before it lets one fetch try again. */
        @WithDefault("15m")
        Duration breakerDelay();
    }

    /** Deezer: the worldwide chart, and per country the chart playlist Deezer keeps for it ({@code FR:1109890291}). */
    interface Deezer extends Source {
        @WithDefault("global")
        @Override
        List<String> regions();
    }

    /** A data provider's feed (CSV or JSON) of charts bought legitimately, Spotify's or TikTok's. */
    interface Licensed extends Source {
        /** Where the feed is; unset, the licensed feed and the sources only it provides are reported unavailable. */
        Optional<String> url();

        @WithDefault("feed")
        @Override
        List<String> regions();
    }

    /** The platform's own charts, from its creators' mashups and listeners' plays. */
    interface Mashups extends Source {
        /** Mashups attribution identified songs in over this long count toward the songs chart. */
        @WithDefault("7d")
        Duration songsWithin();

        /** Plays gained over this long rank the rising chart. */
        @WithDefault("24h")
        Duration risingWithin();

        @WithDefault("songs,rising")
        @Override
        List<String> regions();
    }
}
