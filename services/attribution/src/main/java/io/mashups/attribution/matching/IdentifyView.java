package io.mashups.attribution.matching;

import io.mashups.attribution.chromaprint.AcoustIdClient;
import java.util.List;

/**
 * The answer to an identification: catalogue tracks found by landmark matching (empty for silence or unknown
 * audio) and, when AcoustID is configured ({@code acoustId} true), the MusicBrainz recordings it names.
 */
public record IdentifyView(
        String uploadId,
        double durationSec,
        List<SourceView> matches,
        boolean acoustId,
        List<AcoustIdClient.Recording> recordings) {}
