package io.mashups.community.challenge;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A challenge as the seed plan's table names its fields ({@code startDate}/{@code endDate} are days of the configured
 * zone; the end date is the last day it runs), with its exact times, the stem pack's uploads, whether the board is
 * frozen, how many entered and the caller's own entry beside them.
 */
@Schema(name = "Challenge")
public record ChallengeView(
        String id,
        String title,
        String description,
        String theme,

        @Schema(enumeration = {"daily", "weekly", "special"})
        String type,

        @Schema(description = "The stem pack's id (the challenge's, when it has one), null without one")
        String stemPackId,

        @Schema(description = "The uploads whose stems make the pack: an entry's mashup uses at least one")
        List<String> stemPack,

        LocalDate startDate,
        LocalDate endDate,

        @Schema(enumeration = {"upcoming", "active", "completed", "cancelled"})
        String status,

        int rewardCredits,
        String rewardBadgeId,
        Instant startsAt,
        Instant endsAt,
        Instant freezesAt,
        Instant earlyUntil,
        boolean frozen,
        long entryCount,
        ChallengeEntryView yourEntry) {}
