package io.mashups.community.challenge;

import java.util.List;

/** The challenges taking submissions now, the earliest to end first; the rota's daily and weekly ones beside. */
public record CurrentChallenges(List<ChallengeView> challenges, ChallengeView daily, ChallengeView weekly) {}
