package io.mashups.audio.upload;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "NewUpload")
public record NewUpload(
        @NotBlank(message = "is required")
        @Size(max = 255, message = "must be at most 255 characters")
        @Pattern(regexp = "[^/\\\\\\p{Cntrl}]+", message = "must be a file name, not a path")
        @Schema(examples = "summer-anthem.mp3")
        String fileName,

        @NotBlank(message = "is required") @Schema(examples = "audio/mpeg")
        String contentType) {}
