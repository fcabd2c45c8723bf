package io.mashups.audio.remix;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A remix to begin: its title (default: "<mashup title> (remix)") and whether it is for commercial use. */
@Schema(name = "RemixRequest", example = """
        {"title": "Late night (VIP remix)", "commercial": false}""")
public record RemixRequest(
        @Size(min = 1, max = 120, message = "must be 1 to 120 characters")
        @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters")
        String title,

        Boolean commercial) {
    static final RemixRequest DEFAULT = new RemixRequest(null, false);

    boolean forCommercialUse() {
        return Boolean.TRUE.equals(commercial);
    }
}
