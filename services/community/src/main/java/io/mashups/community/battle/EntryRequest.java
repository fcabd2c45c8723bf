package io.mashups.community.battle;

import io.mashups.community.Inputs;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Enter one of your mashups. */
public record EntryRequest(
        @NotBlank(message = "name your mashup")
        @Size(max = 100, message = "must be at most 100 characters")
        @Schema(examples = "7d2f4a10-5b6c-4e8f-9a1b-2c3d4e5f6a7b")
        @Pattern(regexp = Inputs.ID, message = Inputs.ID_MESSAGE)
        String mashupId) {}
