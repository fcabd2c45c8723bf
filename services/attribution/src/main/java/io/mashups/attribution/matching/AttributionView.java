package io.mashups.attribution.matching;

import io.mashups.attribution.contentid.VerdictView;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * What fingerprint matching found in an upload or mashup: {@code status} pending (announced, not matched yet),
 * completed or failed (with {@code error}); the sources most confident first; a mashup's Content ID verdict.
 */
public record AttributionView(
        String subjectId,
        String kind,
        String status,
        String error,
        OffsetDateTime completedAt,
        List<SourceView> sources,
        VerdictView verdict) {}
