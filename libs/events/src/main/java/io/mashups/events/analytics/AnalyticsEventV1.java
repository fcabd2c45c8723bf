package io.mashups.events.analytics;

import io.mashups.events.EventData;
import java.time.Instant;
import java.util.Set;

/**
 * One client event accepted by analytics-ingest, enriched on arrival: the raw record rollups are computed from and a
 * warehouse exports. Keyed by the mashup it is about, the creator for follows, the device otherwise; the CloudEvent id
 * is {@code deviceId/eventId}, the idempotency key. No IP address is kept: {@code country} comes from a trusted
 * ingress header, {@code referrerHost} is the referrer's host only.
 *
 * @param eventId the client's id of the event, unique per device
 * @param userId the signed-in user, null for an anonymous listener (counted by device)
 * @param sessionId the client's session, or one derived from the device and the half hour
 * @param positionSec play events: where in the track the listener is
 * @param trackLengthSec play events: the track's length as the player knows it
 * @param platform shares: where to ({@code tiktok}, {@code copy_link}, ...)
 * @param source where in the product or from where outside it the event came ({@code direct} when unknown)
 * @param agentClass {@code desktop}, {@code mobile}, {@code tablet} or {@code other}
 * @param tier subscription upgrades: the new tier
 */
public record AnalyticsEventV1(
        String eventId,
        String type,
        String mashupId,
        String creatorId,
        String userId,
        String deviceId,
        String sessionId,
        Double positionSec,
        Double trackLengthSec,
        String platform,
        String source,
        String referrerHost,
        String country,
        String agentClass,
        String tier,
        Instant clientTime,
        Instant receivedAt)
        implements EventData {
    public static final String PLAY_START = "play_start";
    public static final String PLAY_PROGRESS = "play_progress";
    public static final String PLAY_END = "play_end";
    public static final String LIKE = "like";
    public static final String UNLIKE = "unlike";
    public static final String SHARE = "share";
    public static final String COMMENT = "comment";
    public static final String FOLLOW = "follow";
    public static final String UNFOLLOW = "unfollow";
    public static final String MASHUP_CREATED = "mashup_created";
    public static final String MASHUP_EXPORTED = "mashup_exported";
    public static final String SUBSCRIPTION_UPGRADED = "subscription_upgraded";
    /**
     * Not a client's: an admin erased {@code userId}. Rollups forget the user; a warehouse reading the topic should too.
     */
    public static final String USER_ERASED = "user_erased";

    public static final Set<String> TYPES = Set.of(
            PLAY_START,
            PLAY_PROGRESS,
            PLAY_END,
            LIKE,
            UNLIKE,
            SHARE,
            COMMENT,
            FOLLOW,
            UNFOLLOW,
            MASHUP_CREATED,
            MASHUP_EXPORTED,
            SUBSCRIPTION_UPGRADED);
    /** Types about one mashup: they need its id. */
    public static final Set<String> ABOUT_A_MASHUP =
            Set.of(PLAY_START, PLAY_PROGRESS, PLAY_END, LIKE, UNLIKE, SHARE, COMMENT, MASHUP_CREATED, MASHUP_EXPORTED);
    /** Types about one creator: they need the creator's id. */
    public static final Set<String> ABOUT_A_CREATOR = Set.of(FOLLOW, UNFOLLOW);

    public static final Set<String> PLAYS = Set.of(PLAY_START, PLAY_PROGRESS, PLAY_END);

    /**
     * The record of an admin's erasure, at {@code at}: of {@code userId}, or (user null) of the anonymous listener of
     * {@code deviceId}, a device the user used signed out; {@code id} tells one request from another.
     */
    public static AnalyticsEventV1 userErased(String id, String userId, String deviceId, Instant at) {
        return new AnalyticsEventV1(
                id,
                USER_ERASED,
                null,
                null,
                userId,
                deviceId,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                at,
                at);
    }

    /**
     * The Kafka key: what the event is about, so one mashup's (or creator's) events keep their order, and a person's
     * state about one subject (their listening, like, follow) is in one partition. A follow is about its creator even
     * when sent from a mashup's page.
     */
    public String subject() {
        if (ABOUT_A_CREATOR.contains(type) && creatorId != null) {
            return creatorId;
        }
        if (mashupId != null) {
            return mashupId;
        }
        return creatorId != null ? creatorId : deviceId;
    }

    /** The CloudEvent id: a client's event ids are unique per device only. */
    public String idempotencyKey() {
        return deviceId + "/" + eventId;
    }
}
