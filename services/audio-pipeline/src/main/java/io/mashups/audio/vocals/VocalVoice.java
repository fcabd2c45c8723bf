package io.mashups.audio.vocals;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A voice of one of the engines: its id is {@code engine:voice}. A voice of an engine without credentials is listed
 * as unavailable.
 */
public record VocalVoice(
        @Schema(examples = "local:alto") String id,
        @Schema(examples = "Alto") String name,
        @Schema(examples = "local") String engine,
        boolean available,

        @Schema(examples = "[\"singing\", \"rap\", \"spoken\"]")
        List<String> styles,

        @Schema(examples = "espeak-ng, female, sings G3 to C5")
        String description) {
    public static final List<String> ALL_STYLES =
            java.util.Arrays.stream(VocalStyle.values()).map(VocalStyle::wire).toList();
}
