package io.mashups.community.profile;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a user may set on their profile (name and picture come from their token). */
public record ProfilePatch(
        @NotBlank(message = "name an IANA time zone such as Europe/Paris")
        @Size(max = 64, message = "must be at most 64 characters")
        @Schema(examples = "Europe/Paris")
        String timeZone) {}
