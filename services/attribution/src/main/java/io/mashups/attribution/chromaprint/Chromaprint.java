package io.mashups.attribution.chromaprint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mashups.json.Json;
import io.mashups.media.MediaTools;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Chromaprint fingerprints from {@code fpcalc}: the whole-track identification AcoustID looks up. */
public final class Chromaprint {
    private static final ObjectMapper JSON = Json.mapper();

    /** fpcalc's compressed fingerprint (what AcoustID takes) and the duration it measured. */
    public record Print(int durationSec, String fingerprint) {}

    private Chromaprint() {}

    /** The compressed fingerprint, or empty when fpcalc finds nothing to fingerprint. */
    public static Optional<Print> of(Path audio) throws IOException, InterruptedException {
        JsonNode json = fpcalc(audio, false);
        String fingerprint = json.path("fingerprint").asText("");
        return fingerprint.isEmpty()
                ? Optional.empty()
                : Optional.of(new Print((int) Math.round(json.path("duration").asDouble()), fingerprint));
    }

    /** The raw 32-bit sub-fingerprints, one per 0.124 s. */
    public static int[] raw(Path audio) throws IOException, InterruptedException {
        JsonNode values = fpcalc(audio, true).path("fingerprint");
        int[] raw = new int[values.size()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (int) values.get(i).asLong();
        }
        return raw;
    }

    private static JsonNode fpcalc(Path audio, boolean raw) throws IOException, InterruptedException {
        List<String> command = raw
                ? List.of("fpcalc", "-json", "-raw", "-length", "0", audio.toString())
                : List.of("fpcalc", "-json", audio.toString());
        MediaTools.Result result = MediaTools.run(command, 300);
        // fpcalc 1.5 exits with 3 after a complete fingerprint when its decoder reports the end of file as an error
        if (!result.stdout().contains("\"fingerprint\"")) {
            throw new IOException("fpcalc failed: " + MediaTools.lastLine(result.stderr() + "\n" + result.stdout()));
        }
        return JSON.readTree(result.stdout());
    }
}
