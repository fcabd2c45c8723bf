package io.mashups.studio.project;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A project member as the studio shows them (the seed plan's {@code {id, name, avatar, color, cursor?}}): name and
 * avatar from their latest token (null until they have opened the project), a stable colour, the cursor of their
 * last presence while they are in the studio; beside them the role, whether they are in the studio now and that
 * whole presence (cursor, selection, playhead) as their replica last stored it.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record Collaborator(
        @Schema(examples = "user-42") String id,

        @JsonInclude(JsonInclude.Include.ALWAYS) @Schema(nullable = true, examples = "Ada Lovelace")
        String name,

        @JsonInclude(JsonInclude.Include.ALWAYS) @Schema(nullable = true, examples = "https://images.example/ada.png")
        String avatar,

        @Schema(examples = "#4363d8") String color,

        @Schema(
                type = SchemaType.OBJECT,
                description = "the cursor of their last presence, while in the studio",
                examples = "{\"x\": 120, \"y\": 40}")
        JsonNode cursor,

        @Schema(
                examples = "editor",
                enumeration = {"owner", "editor", "viewer"})
        String role,

        @Schema(examples = "true") boolean online,

        @JsonInclude(JsonInclude.Include.ALWAYS)
        @Schema(
                type = SchemaType.OBJECT,
                nullable = true,
                description = "their last presence as stored",
                examples =
                        "{\"cursor\": {\"x\": 120, \"y\": 40}, \"selection\": {\"trackId\": \"drums\"}, \"playheadSec\": 3.5}")
        JsonNode presence) {
    private static final String[] PALETTE = {
        "#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6", "#469990"
    };

    public static String colourOf(String userId) {
        return PALETTE[Math.floorMod(userId.hashCode(), PALETTE.length)];
    }
}
