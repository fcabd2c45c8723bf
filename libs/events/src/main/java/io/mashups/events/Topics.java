package io.mashups.events;

/** Kafka topic names, {@code <owner>.<event>}. The owning service is the only producer of each. */
public final class Topics {
    public static final String BILLING_ENTITLEMENTS = "billing.entitlements";
    public static final String BILLING_SUBSCRIPTION_CHANGED = "billing.subscription-changed";
    public static final String STUDIO_PROJECT_CHANGED = "studio.project-changed";
    public static final String STUDIO_PROJECT_PUBLISHED = "studio.project-published";
    /**
     * studio-collab's room log (internal): every studio message keyed by project, whose partition order is each
     * room's order. Read directly by every replica, never through an event consumer, so it has no dead letters.
     */
    public static final String STUDIO_ROOM_LOG = "studio.room-log";
    /** Topics carrying a service's own log entries rather than CloudEvents: no event types, no dead letters. */
    public static final java.util.Set<String> SERVICE_LOGS = java.util.Set.of(STUDIO_ROOM_LOG);

    public static final String AUDIO_UPLOAD_STORED = "audio.upload-stored";
    public static final String AUDIO_ANALYSIS_COMPLETED = "audio.analysis-completed";
    /** Work queue of audio-pipeline's workers (internal to that service). */
    public static final String AUDIO_JOBS = "audio.jobs";

    public static final String AUDIO_JOB_PROGRESS = "audio.job-progress";
    public static final String AUDIO_MASHUP_RENDERED = "audio.mashup-rendered";
    public static final String AUDIO_STEMS_READY = "audio.stems-ready";
    public static final String AUDIO_REMIX_STARTED = "audio.remix-started";
    public static final String AUDIO_MASHUP_CHANGED = "audio.mashup-changed";
    public static final String CAPTIONS_COMPLETED = "captions.completed";
    /** Work queue of captions' workers (internal to that service). */
    public static final String CAPTIONS_JOBS = "captions.jobs";

    public static final String CAPTIONS_JOB_PROGRESS = "captions.job-progress";
    public static final String COMMUNITY_BATTLE_OPENED = "community.battle-opened";
    public static final String COMMUNITY_BATTLE_COMPLETED = "community.battle-completed";
    public static final String COMMUNITY_CHALLENGE_OPENED = "community.challenge-opened";
    public static final String COMMUNITY_CHALLENGE_COMPLETED = "community.challenge-completed";
    public static final String COMMUNITY_XP_AWARDED = "community.xp-awarded";
    public static final String ANALYTICS_EVENTS = "analytics.events";
    public static final String ANALYTICS_ENGAGEMENT = "analytics.engagement";
    public static final String TRENDS_UPDATED = "trends.updated";
    public static final String ATTRIBUTION_COMPLETED = "attribution.completed";
    /** Work queue of attribution's fingerprinting workers (internal to that service). */
    public static final String ATTRIBUTION_JOBS = "attribution.jobs";

    public static final String ATTRIBUTION_JOB_PROGRESS = "attribution.job-progress";
    public static final String ATTRIBUTION_VERDICT = "attribution.verdict";

    /** Dead letters of a topic go to {@code <topic>.dlq}, with the failure reason in headers. */
    public static String deadLetterOf(String topic) {
        return topic + ".dlq";
    }

    private Topics() {}
}
