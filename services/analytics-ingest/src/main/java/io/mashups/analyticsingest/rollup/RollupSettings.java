package io.mashups.analyticsingest.rollup;

import io.mashups.analyticsingest.IngestConfig;
import java.time.Duration;

/**
 * What the rollup topology needs to know.
 *
 * @param lateness how late (by client time) an event may still join its session: the oldest event capture accepts
 * @param dedupWindow how long event ids are remembered to drop a repeat the capture let through
 */
public record RollupSettings(
        String rawTopic,
        String rollupTopic,
        ListeningRules rules,
        Duration sessionGap,
        Duration lateness,
        Duration dedupWindow) {
    public static RollupSettings of(IngestConfig config) {
        return new RollupSettings(
                config.rawTopic(),
                config.rollups().topic(),
                new ListeningRules(
                        config.rollups().countedAfter().toMillis(),
                        config.rollups().dailyPlaysPerListener()),
                config.rollups().sessionGap(),
                config.capture().maxAge().plus(config.capture().maxAhead()),
                config.capture().dedupWindow());
    }
}
