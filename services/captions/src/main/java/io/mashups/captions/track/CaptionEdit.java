package io.mashups.captions.track;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The owner's corrections: the whole list of segments with their text and times (seconds). */
public record CaptionEdit(
        @NotNull(message = "give the segments") @Size(max = 5000)
        List<@Valid @NotNull Segment> segments) {
    public record Segment(
            @NotNull(message = "is required") Double start,
            @NotNull(message = "is required") Double end,

            @NotBlank(message = "must not be empty") @Size(max = 200, message = "must be at most 200 characters")
            String text) {}
}
