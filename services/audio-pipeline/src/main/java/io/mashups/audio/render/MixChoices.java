package io.mashups.audio.render;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the generator chose to make the songs one: the tempo and key, how each source got there, what it gave up. */
@Schema(name = "MixChoices")
public record MixChoices(
        @Schema(examples = "124") double bpm,
        @Schema(examples = "A minor") String key,
        List<Part> parts,

        @Schema(
                description = "what was done beyond clean mixing (a stretch beyond 15%, ...); empty when nothing",
                examples = "[]")
        List<String> compromises) {

    /** One source as it plays in the mashup. */
    @Schema(name = "MixPart")
    public record Part(
            @Schema(examples = "upl-8c1d") String uploadId,

            @Schema(
                    examples = "vocal",
                    enumeration = {"vocal", "instrumental"})
            String role,

            @Schema(description = "its own tempo", examples = "62")
            double sourceBpm,

            @Schema(
                    description = "its beats per beat of the mix: 1:1, 2:1 (counted at half its tempo), 1:2 (at"
                            + " double), 4:1 or 1:4",
                    examples = "2:1")
            String relation,

            @Schema(description = "time-stretch, + faster, - slower", examples = "-3.2")
            double stretchPercent,

            @Schema(description = "pitch shift", examples = "2")
            int semitones) {}

    /** The choices a plan made, {@code vocalUploadId} naming the vocal's source. */
    public static MixChoices of(MashupPlan plan, String vocalUploadId) {
        List<Part> parts = new ArrayList<>();
        parts.add(part(vocalUploadId, "vocal", plan, plan.vocalTempo(), plan.vocalMultiple(), plan.vocalSemitones()));
        for (MashupPlan.Bed bed : plan.beds()) {
            parts.add(part(bed.sourceId(), "instrumental", plan, bed.tempo(), bed.multiple(), bed.semitones()));
        }
        return new MixChoices(plan.targetBpm(), plan.key().name(), List.copyOf(parts), plan.compromises());
    }

    private static Part part(String uploadId, String role, MashupPlan plan, double tempo, double multiple, int shift) {
        double counted = plan.targetBpm() / tempo;
        String relation = multiple >= 1 ? "1:" + Math.round(multiple) : Math.round(1 / multiple) + ":1";
        return new Part(uploadId, role, round(counted / multiple), relation, round((tempo - 1) * 100), shift);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
