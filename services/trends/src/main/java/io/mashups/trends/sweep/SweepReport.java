package io.mashups.trends.sweep;

import java.util.List;

/** A sweep's answer: its id (null when nothing was due), the fetches it made and the sources it skipped, and why. */
public record SweepReport(
        boolean success, int count, String sweepId, List<FetchOutcome> fetches, List<Skipped> skipped) {
    public record Skipped(String fetcher, String reason) {}
}
