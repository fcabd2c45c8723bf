package io.mashups.community.battle;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a battle's standing entries, best first once results may be shown (in entry order while blind). */
public record Leaderboard(
        List<EntryView> entries,
        @Schema(examples = "1") int page,
        @Schema(examples = "20") int size,

        @Schema(examples = "10000", description = "standing entries in all")
        long total) {}
