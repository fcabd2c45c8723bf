package io.mashups.community.battle;

import java.util.List;

/** A page of battles: the seed plan's {@code {battles: [...]}}. */
public record Battles(List<BattleSummary> battles) {}
