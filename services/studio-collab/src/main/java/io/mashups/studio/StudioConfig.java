package io.mashups.studio;

import io.mashups.events.Topics;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the studio; every one can be overridden with the MASHUPS_STUDIO_* environment variable of its name. */
@ConfigMapping(prefix = "mashups.studio")
public interface StudioConfig {
    /** Signs join tokens (32+ bytes, from a Secret); without it {@code join} answers 503. */
    Optional<String> joinTokenSecret();

    /** How long a join token opens the WebSocket. */
    @WithDefault("PT2M")
    Duration joinTokenTtl();

    Rooms rooms();

    Voice voice();

    interface Rooms {
        /** The Kafka topic that orders every room's messages (key: project id). */
        @WithDefault(Topics.STUDIO_ROOM_LOG)
        String topic();

        /**
         * Where the other replicas reach this one ({@code host:port} of its HTTP server) to hand it the sockets of
         * the rooms it owns; in Kubernetes the pod's address.
         */
        String advertisedAddress();

        /** Partitions the service gives the topic when it creates it: at most this many replicas share the rooms. */
        @WithDefault("12")
        int partitions();

        /** Ops a reconnecting client may have missed and still get one by one; further behind, it gets a snapshot. */
        @WithDefault("500")
        int catchUpWindow();

        /** A snapshot of the document is stored after this many ops. */
        @WithDefault("200")
        int snapshotEvery();

        /** How long after its last change a project's stored document and studio.project-changed follow. */
        @WithDefault("5s")
        Duration changedDebounce();

        /**
         * How long a transaction of ops (or the start of a partition's writer) may take before the rooms that wrote in
         * it close (1011) and their clients reconnect.
         */
        @WithDefault("10s")
        Duration appendTimeout();

        /**
         * The least time between two transactions of one partition's writer: ops ordered meanwhile go in the next one.
         * Each transaction costs the broker several requests and log writes whatever it carries; this bounds how many
         * it takes a second, and adds at most this much to an ack (the room sees an op at once).
         */
        @WithDefault("100ms")
        Duration commitInterval();

        /** Largest message a client may send; larger ones are refused with an error. */
        @WithDefault("65536")
        int maxMessageBytes();

        /** Messages per second a connection may send on average... */
        @WithDefault("30")
        int messagesPerSecond();

        /** ...and in one burst. */
        @WithDefault("60")
        int burst();

        /** A connection with this many refused messages before it calms down (its bucket fills again) is closed (1008). */
        @WithDefault("300")
        int floodClose();

        /** A replica forgets a room this long after its last local participant left. */
        @WithDefault("30s")
        Duration idleUnload();

        /** How often a replica stores that its sessions are alive, with their last presence (what collaborators show). */
        @WithDefault("30s")
        Duration sessionTouch();
    }

    interface Voice {
        /** {@code livekit} (default; tokens signed here) or {@code daily}. */
        @WithDefault("livekit")
        String provider();

        /** Voice tokens expire after this. */
        @WithDefault("PT2H")
        Duration tokenTtl();

        /** Participants allowed in one voice room. */
        @WithDefault("10")
        int maxParticipants();

        LiveKit livekit();

        Daily daily();

        interface LiveKit {
            /** Where clients connect, e.g. wss://voice.example.com. */
            @WithDefault("ws://127.0.0.1:7880")
            String url();

            Optional<String> apiKey();

            Optional<String> apiSecret();
        }

        interface Daily {
            @WithDefault("https://api.daily.co/v1")
            String apiUrl();

            Optional<String> apiKey();
        }
    }
}
