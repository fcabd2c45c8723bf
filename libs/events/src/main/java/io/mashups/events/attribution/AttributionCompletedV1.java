package io.mashups.events.attribution;

import io.mashups.events.EventData;
import java.util.List;

/** Fingerprint matching of an upload or mashup finished; {@code sources} may be empty. */
public record AttributionCompletedV1(String subjectKind, String subjectId, String ownerId, List<Source> sources)
        implements EventData {
    public record Source(String referenceId, String title, String artist, int confidence) {}
}
