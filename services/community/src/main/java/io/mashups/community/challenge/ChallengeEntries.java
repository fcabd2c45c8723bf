package io.mashups.community.challenge;

import java.util.List;

/** One page of a challenge's entries, the latest submission first, each with its score and rank on the board. */
public record ChallengeEntries(List<ChallengeEntryView> entries, int page, int size, long total) {}
