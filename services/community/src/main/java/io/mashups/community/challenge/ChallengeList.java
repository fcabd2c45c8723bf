package io.mashups.community.challenge;

import java.util.List;

public record ChallengeList(List<ChallengeView> challenges, int page, int size, long total) {}
