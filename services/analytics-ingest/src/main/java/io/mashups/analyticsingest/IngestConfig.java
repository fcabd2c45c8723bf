package io.mashups.analyticsingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "mashups.analytics")
public interface IngestConfig {
    /** The raw event topic: {@code analytics.events}; tests write to one of their own. */
    @WithDefault(io.mashups.events.Topics.ANALYTICS_EVENTS)
    String rawTopic();

    /**
     * How long the raw topic keeps events (its {@code retention.ms}): the window in which the rollups can be rebuilt
     * and a warehouse must have exported them.
     */
    @WithDefault("P7D")
    Duration rawRetention();

    Capture capture();

    Rollups rollups();

    Engagement engagement();

    interface Engagement {
        /** How often {@code analytics.engagement} speaks of the subjects that changed: its debounce. */
        @WithDefault("10s")
        String every();
    }

    interface Capture {
        /** The most events one request may carry. */
        @WithDefault("500")
        int maxEvents();

        /** How far ahead of the server's clock a client's time may be (clocks drift). */
        @WithDefault("PT5M")
        Duration maxAhead();

        /** How old an event may be when it arrives (an offline player sends its backlog later). */
        @WithDefault("P3D")
        Duration maxAge();

        /**
         * How long event ids are remembered to drop repeats; at least {@code max-age}, so a repeat of any event that
         * may still arrive is recognised.
         */
        @WithDefault("P4D")
        Duration dedupWindow();

        /**
         * The header the ingress sets to the client's country (ISO 3166-1 alpha-2), e.g. {@code CF-IPCountry}; unset
         * when no ingress sets one, since a client could send any value.
         */
        Optional<String> countryHeader();

        /** Events a second one device may send on average; more is not a person and is dropped. */
        @WithDefault("20")
        int deviceEventsPerSecond();

        /** Events one device may send at once (a player flushing a queue after being offline). */
        @WithDefault("600")
        int deviceBurst();
    }

    interface Rollups {
        /** Where the rollup tables stream their changes for the dashboards' Postgres tables. */
        @WithDefault("analytics.rollups")
        String topic();

        /** Play events of one listener on one device further apart than this are two sessions. */
        @WithDefault("PT30M")
        Duration sessionGap();

        /** Listening that makes a session a play (or 90% of a shorter track). */
        @WithDefault("PT30S")
        Duration countedAfter();

        /** The most plays one listener adds to one mashup in a day (replaying a track all day is not popularity). */
        @WithDefault("5")
        int dailyPlaysPerListener();
    }
}
