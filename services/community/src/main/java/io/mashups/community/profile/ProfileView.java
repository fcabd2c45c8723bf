package io.mashups.community.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The caller's own profile. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ProfileView(
        @Schema(examples = "user-42") String id,
        @Schema(nullable = true, examples = "Ada Lovelace") String name,

        @Schema(nullable = true, examples = "https://images.example/ada.png")
        String avatar,

        @Schema(nullable = true, examples = "Europe/Paris", description = "an IANA time zone; null until set")
        String timeZone,

        @Schema(examples = "2026-11-02T09:30:00Z") OffsetDateTime firstSeen) {
    static ProfileView of(Profile profile) {
        return new ProfileView(profile.userId, profile.name, profile.avatar, profile.timeZone, profile.firstSeen);
    }
}
