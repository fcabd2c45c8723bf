package io.mashups.audio.cover;

import io.mashups.web.CurrentUser;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/api/thumbnails/{mashupId}")
@Produces(MediaType.APPLICATION_JSON)
public class ThumbnailResource {
    private final CurrentUser user;
    private final SecurityIdentity identity;
    private final CoverService covers;

    public ThumbnailResource(CurrentUser user, SecurityIdentity identity, CoverService covers) {
        this.user = user;
        this.identity = identity;
        this.covers = covers;
    }

    @GET
    @PermitAll
    @Operation(
            summary = "A mashup's cover art: redirects to the image",
            description = "Drawn on the server (the first request for a version waits while it is drawn, about a"
                    + " tenth of a second). Public and unlisted mashups' covers need no token (link previews);"
                    + " a private mashup's only its owner's. template: gradient, waveform-bars, circular or minimal"
                    + " (default: the owner's choice); size: 1080x1080 (default), 1200x630 or 3000x3000; format: png"
                    + " (default) or jpg.")
    @APIResponse(responseCode = "302", description = "The image, at a short-lived URL")
    @APIResponse(responseCode = "400", description = "An unknown template, size or format")
    @APIResponse(responseCode = "404", description = "No such mashup, or a private one of someone else")
    @APIResponse(responseCode = "503", description = "Still being drawn, or it could not be (cover-not-ready)")
    public Uni<Response> thumbnail(
            @PathParam("mashupId") String mashupId,
            @QueryParam("template") String template,
            @QueryParam("size") String size,
            @QueryParam("format") String format) {
        String caller = identity.isAnonymous() ? null : user.id();
        return covers.thumbnail(caller, mashupId, template, size, format)
                .map(location -> Response.status(302)
                        .location(location)
                        .header("Cache-Control", caller == null ? "public, max-age=60" : "private, max-age=60")
                        .build());
    }
}
