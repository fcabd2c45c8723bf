package io.mashups.audio.generation;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A request to the AI Magic Generator. The vocal of {@code vocalsFrom} (default: the first source) is laid over the
 * instrumental of {@code instrumentalFrom} (default: the first other source); the instrumentals of further sources
 * take turns with it every eight bars. {@code targetKey} accepts names ("F# minor", "Am") and Camelot codes ("8A").
 */
public record GenerationRequest(
        @NotNull(message = "name 2 to 4 of your uploads")
        @Size(min = 2, max = 4, message = "name 2 to 4 of your uploads")
        @Schema(examples = "[\"upl-8c1d\", \"upl-93fa\"]")
        List<@NotBlank(message = "must be an upload id") String> sources,

        @Schema(examples = "upl-8c1d") String vocalsFrom,
        @Schema(examples = "upl-93fa") String instrumentalFrom,

        @DecimalMin(value = "60", message = "must be 60 to 200 BPM")
        @DecimalMax(value = "200", message = "must be 60 to 200 BPM")
        @Schema(examples = "120")
        Double targetBpm,

        @Schema(examples = "8A") String targetKey,

        @DecimalMin(value = "10", message = "must be 10 to 600 seconds")
        @DecimalMax(value = "600", message = "must be 10 to 600 seconds")
        @Schema(examples = "90")
        Double durationSec,

        @NotNull(message = "must be mp3, wav or m4a")
        @Pattern(regexp = "mp3|wav|m4a", message = "must be mp3, wav or m4a")
        @Schema(examples = "mp3")
        String format,

        @Size(max = 120, message = "must be at most 120 characters") @Schema(examples = "Midnight City x Dreams")
        String title) {}
