package io.mashups.community.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A person as entries, leaderboards and votes show them. */
@Schema(name = "PublicUser")
public record PublicUser(
        @Schema(examples = "user-42") String id,

        @JsonInclude(JsonInclude.Include.ALWAYS) @Schema(nullable = true, examples = "Ada Lovelace")
        String name,

        @JsonInclude(JsonInclude.Include.ALWAYS) @Schema(nullable = true, examples = "https://images.example/ada.png")
        String avatar) {

    public static PublicUser of(String userId, Profile profile) {
        return profile == null
                ? new PublicUser(userId, null, null)
                : new PublicUser(userId, profile.name, profile.avatar);
    }
}
