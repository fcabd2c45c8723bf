package io.mashups.audio.mashup;

import io.mashups.web.CurrentUser;
import io.mashups.web.PageQuery;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

@Path("/api/mashups")
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class MashupResource {
    private final CurrentUser user;
    private final MashupService mashups;

    public MashupResource(CurrentUser user, MashupService mashups) {
        this.user = user;
        this.mashups = mashups;
    }

    @GET
    @Operation(
            summary = "List mashups",
            description = "owner=me (the default): your own, newest first; owner=<user id>: that user's public mashups")
    public Uni<List<MashupView>> list(@QueryParam("owner") String owner, @Valid @BeanParam PageQuery paging) {
        return mashups.list(user.id(), owner, paging);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A mashup: yours, or anyone's public or unlisted one")
    public Uni<MashupView> get(@PathParam("id") String id) {
        return mashups.get(user.id(), id);
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rename a mashup or change its visibility")
    @APIResponse(responseCode = "409", description = "Making it public is refused while Content ID blocks it")
    public Uni<MashupView> update(
            @PathParam("id") String id, @Valid @NotNull(message = "a JSON body is required") MashupPatch patch) {
        return mashups.update(user.id(), id, patch);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a mashup and its audio")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Uni<Response> delete(@PathParam("id") String id) {
        return mashups.delete(user.id(), id).replaceWith(Response.noContent().build());
    }
}
