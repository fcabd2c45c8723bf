package io.mashups.analyticsingest.dashboard;

import java.time.LocalDate;

/**
 * The days a figure covers, UTC, both ends included: what was asked for, clamped to the tier's retention.
 *
 * @param retentionDays how far back the caller's tier reaches; null when it is unlimited
 * @param clamped true when the caller asked for more days than the tier allows
 */
public record Window(LocalDate from, LocalDate to, int days, Integer retentionDays, boolean clamped) {
    static Window of(LocalDate today, int requestedDays, Integer retentionDays) {
        int days = retentionDays == null ? requestedDays : Math.min(requestedDays, retentionDays);
        return new Window(today.minusDays(days - 1L), today, days, retentionDays, days < requestedDays);
    }
}
