package io.mashups.audio.remix;

import io.mashups.web.CurrentUser;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

@Path("/api/mashups/{id}")
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class RemixResource {
    private final CurrentUser user;
    private final RemixPermissionsService permissions;

    public RemixResource(CurrentUser user, RemixPermissionsService permissions) {
        this.user = user;
        this.permissions = permissions;
    }

    @GET
    @Path("/remix-permissions")
    @Operation(summary = "What the owner lets others do with a mashup you can see: remix, credit, commercial use")
    public Uni<RemixPermissionsView> permissions(@PathParam("id") String id) {
        return permissions.get(user.id(), id);
    }

    @PUT
    @Path("/remix-permissions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set your mashup's remix permissions (remixes already begun keep the ones they began with)")
    @APIResponse(responseCode = "403", description = "Not your mashup")
    public Uni<RemixPermissionsView> setPermissions(
            @PathParam("id") String id,
            @Valid @NotNull(message = "a JSON body is required") RemixPermissionsRequest request) {
        return permissions.set(user.id(), id, request.permissions());
    }
}
