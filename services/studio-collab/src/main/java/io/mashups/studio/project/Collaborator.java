package io.mashups.studio.project;

/** A project member as the studio shows them: id, role, a stable colour, and whether they are in the studio now. */
public record Collaborator(String id, String role, String color, boolean online) {
    private static final String[] PALETTE = {"#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6", "#469990"};

    public static String colourOf(String userId) {
        return PALETTE[Math.floorMod(userId.hashCode(), PALETTE.length)];
    }
}
