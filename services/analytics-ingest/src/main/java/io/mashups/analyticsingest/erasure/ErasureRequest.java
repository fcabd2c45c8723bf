package io.mashups.analyticsingest.erasure;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Whom to erase: a user, and the devices they used while signed out (anonymous listening is counted by device). */
public record ErasureRequest(
        @NotBlank(message = "the user to erase is required")
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._:|@+-]{0,127}", message = "must be a user id")
        @Schema(examples = "auth0|5f7c8ec7c33c6c004bbafe82")
        String userId,

        @Size(max = 50, message = "at most 50 devices")
        List<
                        @NotBlank(message = "must be a device id")
                        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._:-]{0,127}", message = "must be a device id") String>
                deviceIds) {}
