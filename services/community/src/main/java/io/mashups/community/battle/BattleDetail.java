package io.mashups.community.battle;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A battle with its standing entries and the caller's vote: the seed plan's {@code {battle, entries, userVote?}}.
 * Entries are ranked by votes when results may be shown, otherwise listed in the order they came.
 */
public record BattleDetail(
        BattleView battle,
        List<EntryView> entries,

        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(examples = "c3a1e6f2-4d5b-4a8c-9e7f-1b2c3d4e5f60", description = "the entry you voted for, if any")
        String userVote) {}
