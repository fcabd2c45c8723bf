package io.mashups.events;

import io.mashups.events.analytics.AnalyticsEventV1;
import io.mashups.events.analytics.EngagementV1;
import io.mashups.events.attribution.AttributionCompletedV1;
import io.mashups.events.attribution.AttributionVerdictV1;
import io.mashups.events.audio.AnalysisCompletedV1;
import io.mashups.events.audio.MashupChangedV1;
import io.mashups.events.audio.MashupRenderedV1;
import io.mashups.events.audio.RemixStartedV1;
import io.mashups.events.audio.StemsReadyV1;
import io.mashups.events.audio.UploadStoredV1;
import io.mashups.events.billing.EntitlementsV1;
import io.mashups.events.billing.SubscriptionChangedV1;
import io.mashups.events.captions.CaptionsCompletedV1;
import io.mashups.events.community.BattleCompletedV1;
import io.mashups.events.community.BattleOpenedV1;
import io.mashups.events.community.ChallengeCompletedV1;
import io.mashups.events.community.ChallengeOpenedV1;
import io.mashups.events.community.XpAwardedV1;
import io.mashups.events.jobs.JobEvents;
import io.mashups.events.jobs.JobProgressV1;
import io.mashups.events.jobs.JobQueuedV1;
import io.mashups.events.studio.ProjectChangedV1;
import io.mashups.events.studio.ProjectPublishedV1;
import io.mashups.events.trends.TrendsUpdatedV1;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every event type of the fleet. */
public final class EventCatalog {
    public static final EventType<EntitlementsV1> ENTITLEMENTS =
            type("billing.entitlements.v1", Topics.BILLING_ENTITLEMENTS, EntitlementsV1.class);
    public static final EventType<SubscriptionChangedV1> SUBSCRIPTION_CHANGED =
            type("billing.subscription-changed.v1", Topics.BILLING_SUBSCRIPTION_CHANGED, SubscriptionChangedV1.class);
    public static final EventType<ProjectChangedV1> PROJECT_CHANGED =
            type("studio.project-changed.v1", Topics.STUDIO_PROJECT_CHANGED, ProjectChangedV1.class);
    public static final EventType<ProjectPublishedV1> PROJECT_PUBLISHED =
            type("studio.project-published.v1", Topics.STUDIO_PROJECT_PUBLISHED, ProjectPublishedV1.class);
    public static final EventType<UploadStoredV1> UPLOAD_STORED =
            type("audio.upload-stored.v1", Topics.AUDIO_UPLOAD_STORED, UploadStoredV1.class);
    public static final EventType<AnalysisCompletedV1> ANALYSIS_COMPLETED =
            type("audio.analysis-completed.v1", Topics.AUDIO_ANALYSIS_COMPLETED, AnalysisCompletedV1.class);
    /** audio-pipeline's job engine (analysis, mashup generation). */
    public static final JobEvents AUDIO_JOBS = jobs("audio", Topics.AUDIO_JOBS, Topics.AUDIO_JOB_PROGRESS);

    public static final EventType<MashupRenderedV1> MASHUP_RENDERED =
            type("audio.mashup-rendered.v1", Topics.AUDIO_MASHUP_RENDERED, MashupRenderedV1.class);
    public static final EventType<MashupChangedV1> MASHUP_CHANGED =
            type("audio.mashup-changed.v1", Topics.AUDIO_MASHUP_CHANGED, MashupChangedV1.class);
    public static final EventType<StemsReadyV1> STEMS_READY =
            type("audio.stems-ready.v1", Topics.AUDIO_STEMS_READY, StemsReadyV1.class);
    public static final EventType<RemixStartedV1> REMIX_STARTED =
            type("audio.remix-started.v1", Topics.AUDIO_REMIX_STARTED, RemixStartedV1.class);
    /** captions' job engine (captioning). */
    public static final JobEvents CAPTIONS_JOBS = jobs("captions", Topics.CAPTIONS_JOBS, Topics.CAPTIONS_JOB_PROGRESS);

    public static final EventType<CaptionsCompletedV1> CAPTIONS_COMPLETED =
            type("captions.completed.v1", Topics.CAPTIONS_COMPLETED, CaptionsCompletedV1.class);
    public static final EventType<BattleOpenedV1> BATTLE_OPENED =
            type("community.battle-opened.v1", Topics.COMMUNITY_BATTLE_OPENED, BattleOpenedV1.class);
    public static final EventType<BattleCompletedV1> BATTLE_COMPLETED =
            type("community.battle-completed.v1", Topics.COMMUNITY_BATTLE_COMPLETED, BattleCompletedV1.class);
    public static final EventType<ChallengeOpenedV1> CHALLENGE_OPENED =
            type("community.challenge-opened.v1", Topics.COMMUNITY_CHALLENGE_OPENED, ChallengeOpenedV1.class);
    public static final EventType<ChallengeCompletedV1> CHALLENGE_COMPLETED =
            type("community.challenge-completed.v1", Topics.COMMUNITY_CHALLENGE_COMPLETED, ChallengeCompletedV1.class);
    public static final EventType<XpAwardedV1> XP_AWARDED =
            type("community.xp-awarded.v1", Topics.COMMUNITY_XP_AWARDED, XpAwardedV1.class);
    public static final EventType<AnalyticsEventV1> ANALYTICS_EVENT =
            type("analytics.event.v1", Topics.ANALYTICS_EVENTS, AnalyticsEventV1.class);
    public static final EventType<EngagementV1> ENGAGEMENT =
            type("analytics.engagement.v1", Topics.ANALYTICS_ENGAGEMENT, EngagementV1.class);
    public static final EventType<TrendsUpdatedV1> TRENDS_UPDATED =
            type("trends.updated.v1", Topics.TRENDS_UPDATED, TrendsUpdatedV1.class);
    /** attribution's job engine (fingerprinting). */
    public static final JobEvents ATTRIBUTION_JOBS =
            jobs("attribution", Topics.ATTRIBUTION_JOBS, Topics.ATTRIBUTION_JOB_PROGRESS);

    public static final EventType<AttributionCompletedV1> ATTRIBUTION_COMPLETED =
            type("attribution.completed.v1", Topics.ATTRIBUTION_COMPLETED, AttributionCompletedV1.class);
    public static final EventType<AttributionVerdictV1> ATTRIBUTION_VERDICT =
            type("attribution.verdict.v1", Topics.ATTRIBUTION_VERDICT, AttributionVerdictV1.class);

    private static final List<EventType<?>> ALL = List.of(
            ENTITLEMENTS,
            SUBSCRIPTION_CHANGED,
            PROJECT_CHANGED,
            PROJECT_PUBLISHED,
            UPLOAD_STORED,
            ANALYSIS_COMPLETED,
            AUDIO_JOBS.queued(),
            AUDIO_JOBS.progress(),
            MASHUP_RENDERED,
            MASHUP_CHANGED,
            STEMS_READY,
            REMIX_STARTED,
            CAPTIONS_JOBS.queued(),
            CAPTIONS_JOBS.progress(),
            CAPTIONS_COMPLETED,
            BATTLE_OPENED,
            BATTLE_COMPLETED,
            CHALLENGE_OPENED,
            CHALLENGE_COMPLETED,
            XP_AWARDED,
            ANALYTICS_EVENT,
            ENGAGEMENT,
            TRENDS_UPDATED,
            ATTRIBUTION_JOBS.queued(),
            ATTRIBUTION_JOBS.progress(),
            ATTRIBUTION_COMPLETED,
            ATTRIBUTION_VERDICT);
    private static final Map<String, JobEvents> JOB_ENGINES = Map.of(
            AUDIO_JOBS.owner(),
            AUDIO_JOBS,
            CAPTIONS_JOBS.owner(),
            CAPTIONS_JOBS,
            ATTRIBUTION_JOBS.owner(),
            ATTRIBUTION_JOBS);
    private static final Map<String, EventType<?>> BY_NAME =
            ALL.stream().collect(Collectors.toMap(EventType::name, Function.identity()));

    public static List<EventType<?>> all() {
        return ALL;
    }

    public static Optional<EventType<?>> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The job events of the service that names itself {@code owner} (its {@code mashups.jobs.owner}). */
    public static Optional<JobEvents> jobEventsOf(String owner) {
        return Optional.ofNullable(JOB_ENGINES.get(owner));
    }

    /** A job engine's types: {@code <owner>.job-queued.v1} on its work queue, {@code <owner>.job-progress.v1}. */
    private static JobEvents jobs(String owner, String queueTopic, String progressTopic) {
        return new JobEvents(
                owner,
                type(owner + ".job-queued.v1", queueTopic, JobQueuedV1.class),
                type(owner + ".job-progress.v1", progressTopic, JobProgressV1.class));
    }

    private static <T extends EventData> EventType<T> type(String name, String topic, Class<T> dataClass) {
        return new EventType<>("io.mashups." + name, topic, dataClass);
    }

    private EventCatalog() {}
}
