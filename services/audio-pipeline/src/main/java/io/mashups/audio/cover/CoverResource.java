package io.mashups.audio.cover;

import io.mashups.web.CurrentUser;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

@Path("/api/mashups/{id}/cover")
@Produces(MediaType.APPLICATION_JSON)
public class CoverResource {
    private final CurrentUser user;
    private final CoverService covers;

    public CoverResource(CurrentUser user, CoverService covers) {
        this.user = user;
        this.covers = covers;
    }

    @PUT
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Choose your mashup's cover template (its covers are drawn again with it)")
    @APIResponse(responseCode = "400", description = "An unknown template")
    @APIResponse(responseCode = "403", description = "Not your mashup")
    public Uni<CoverView> choose(
            @PathParam("id") String id, @NotNull(message = "a JSON body is required") CoverRequest request) {
        return covers.choose(user.id(), id, request.template());
    }
}
