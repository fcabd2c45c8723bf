package io.mashups.audio.upload;

import io.mashups.web.CurrentUser;
import io.mashups.web.PageQuery;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

@Path("/api/media/uploads")
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class UploadResource {
    private final CurrentUser user;
    private final UploadService uploads;

    public UploadResource(CurrentUser user, UploadService uploads) {
        this.user = user;
        this.uploads = uploads;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Start an upload",
            description = "Returns a presigned URL to PUT the file to, with the headers to send")
    @APIResponse(responseCode = "201", description = "Upload ticket")
    public Uni<Response> create(@Valid @NotNull(message = "a JSON body is required") NewUpload request) {
        return uploads.create(user.id(), request)
                .map(ticket -> Response.status(201).entity(ticket).build());
    }

    @POST
    @Path("/{id}/complete")
    @Operation(
            summary = "Finish an upload",
            description = "Checks the stored file is playable audio within the limits (ffprobe, then a full decode)")
    @APIResponse(responseCode = "200", description = "Stored, with duration, sample rate, channels and codec")
    @APIResponse(responseCode = "409", description = "Nothing was uploaded yet")
    @APIResponse(
            responseCode = "422",
            description = "Not audio, truncated, empty or over a limit: the file was deleted")
    public Uni<UploadView> complete(@PathParam("id") String id) {
        return uploads.complete(user.id(), id);
    }

    @GET
    @Path("/{id}")
    public Uni<UploadView> get(@PathParam("id") String id) {
        return uploads.get(user.id(), id);
    }

    @GET
    @Operation(summary = "The caller's uploads, newest first")
    public Uni<List<UploadView>> list(@Valid @BeanParam PageQuery paging) {
        return uploads.list(user.id(), paging);
    }
}
