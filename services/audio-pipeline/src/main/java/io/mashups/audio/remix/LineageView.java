package io.mashups.audio.remix;

import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A mashup's remix tree: the mashups it descends from, nearest first, and the remixes begun from it, each with the
 * mashups published from it and, below those, their remixes. Credits are shown where the licence requires them.
 */
@Schema(name = "Lineage", example = """
        {"mashupId": "m-3", "ancestors": [{"mashupId": "m-2", "title": "Late night (remix)", "ownerId": "user-2",
        "remixId": "r-2", "credit": {"mashupId": "m-2", "title": "Late night (remix)", "ownerId": "user-2"}},
        {"mashupId": "m-1", "title": "Late night", "ownerId": "user-1", "remixId": "r-1", "credit": null}],
        "remixes": []}""")
public record LineageView(String mashupId, List<Ancestor> ancestors, List<RemixNode> remixes) {
    /** A mashup this one descends from, through the remix that took it ({@code remixId}). */
    public record Ancestor(String mashupId, String title, String ownerId, String remixId, RemixView.Credit credit) {}

    /** A remix begun from a mashup, and what was published from it. */
    public record RemixNode(
            String remixId,
            String remixerId,
            String title,
            OffsetDateTime createdAt,
            RemixView.Credit credit,
            List<Published> mashups) {}

    /** A mashup published from a remix's project, with the remixes begun from it in turn. */
    public record Published(String mashupId, String title, String ownerId, List<RemixNode> remixes) {}
}
