package io.mashups.attribution.matching;

import io.mashups.web.CurrentUser;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

@Path("/api/attribution")
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class AttributionResource {
    private final CurrentUser user;
    private final AttributionService attributions;

    public AttributionResource(CurrentUser user, AttributionService attributions) {
        this.user = user;
        this.attributions = attributions;
    }

    public record IdentifyRequest(
            @NotBlank(message = "is required") String uploadId) {}

    @POST
    @Path("/identify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Identify the sources of one of your uploads",
            description = "Landmark matching against the reference catalogue (survives mixing, up to 13% time-stretch "
                    + "and 3.6 semitones of pitch shift) and, when configured, an AcoustID lookup of the whole track. "
                    + "Nothing is stored. Silence or unknown audio answers an empty list.")
    @APIResponse(responseCode = "200", description = "{uploadId, durationSec, matches[], acoustId, recordings[]}")
    @APIResponse(responseCode = "404", description = "Not your upload, or not known")
    @APIResponse(responseCode = "422", description = "Not decodable audio, or too short or long to identify")
    public Uni<IdentifyView> identify(@Valid @NotNull(message = "a JSON body is required") IdentifyRequest request) {
        return attributions.identify(user.id(), request.uploadId());
    }

    @GET
    @Path("/mashups/{id}")
    @Operation(summary = "Sources found in one of your mashups, and its Content ID verdict")
    @APIResponse(
            responseCode = "200",
            description = "status pending, completed or failed; sources most confident first")
    @APIResponse(responseCode = "404", description = "Not your mashup, or not known")
    public Uni<AttributionView> mashup(@PathParam("id") String id) {
        return attributions.view(user.id(), user.isAdmin(), Subject.MASHUP, id);
    }

    @GET
    @Path("/uploads/{id}")
    @Operation(summary = "Sources found in one of your uploads")
    @APIResponse(responseCode = "404", description = "Not your upload, or not known")
    public Uni<AttributionView> upload(@PathParam("id") String id) {
        return attributions.view(user.id(), user.isAdmin(), Subject.UPLOAD, id);
    }
}
