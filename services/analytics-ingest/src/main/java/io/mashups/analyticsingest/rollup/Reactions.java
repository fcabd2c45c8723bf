package io.mashups.analyticsingest.rollup;

import io.mashups.events.analytics.AnalyticsEventV1;
import java.util.HashMap;
import java.util.Map;

/** A mashup's shares by platform and its comments on one day. */
public record Reactions(Map<String, Long> shares, long comments) {
    public static final Reactions NONE = new Reactions(Map.of(), 0);

    public Reactions with(AnalyticsEventV1 event) {
        if (AnalyticsEventV1.COMMENT.equals(event.type())) {
            return new Reactions(shares, comments + 1);
        }
        Map<String, Long> more = new HashMap<>(shares);
        more.merge(event.platform() == null ? "other" : event.platform(), 1L, Long::sum);
        return new Reactions(Map.copyOf(more), comments);
    }

    public Reactions plus(Reactions other) {
        return new Reactions(Tally.combine(shares, other.shares, Long::sum), comments + other.comments);
    }

    public Reactions minus(Reactions other) {
        return new Reactions(Tally.combine(shares, other.shares, (a, b) -> a - b), comments - other.comments);
    }

    public long shareCount() {
        return shares.values().stream().mapToLong(Long::longValue).sum();
    }
}
