package io.mashups.studio.project;

/**
 * A project member as the studio shows them: id, role, a stable colour, whether they are in the studio now and, if
 * so, their last presence (cursor, selection, playhead) as their replica last stored it.
 */
public record Collaborator(
        String id, String role, String color, boolean online, com.fasterxml.jackson.databind.JsonNode presence) {
    private static final String[] PALETTE = {
        "#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6", "#469990"
    };

    public static String colourOf(String userId) {
        return PALETTE[Math.floorMod(userId.hashCode(), PALETTE.length)];
    }
}
