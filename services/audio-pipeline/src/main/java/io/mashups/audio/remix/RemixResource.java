package io.mashups.audio.remix;

import io.mashups.audio.stems.MashupStemsView;
import io.mashups.web.CurrentUser;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
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
    private final RemixService remixes;
    private final LineageService lineage;

    public RemixResource(
            CurrentUser user, RemixPermissionsService permissions, RemixService remixes, LineageService lineage) {
        this.user = user;
        this.permissions = permissions;
        this.remixes = remixes;
        this.lineage = lineage;
    }

    @GET
    @Path("/lineage")
    @Operation(
            summary = "The mashup's remix tree: what it descends from and the remixes begun from it",
            description = "Ancestors nearest first, each with the credit the licence required (null when none);"
                    + " remixes with the mashups published from their projects, and theirs below. You see the"
                    + " remixes you began, those of your mashups, and published mashups you may see.")
    @APIResponse(responseCode = "404", description = "No such mashup, or a private one of someone else")
    public Uni<LineageView> lineage(@PathParam("id") String id) {
        return lineage.lineage(user.id(), id);
    }

    @GET
    @Path("/stems")
    @Operation(
            summary = "The mashup's four stems as they sit in its mix, each with a short-lived download URL",
            description = "For its owner, and for others when the owner allows remixes; a plan with stem exports.")
    @APIResponse(responseCode = "402", description = "Your plan has no stem exports")
    @APIResponse(responseCode = "403", description = "The owner does not allow remixes (type remix-not-allowed)")
    @APIResponse(responseCode = "404", description = "No such mashup, or a private one of someone else")
    @APIResponse(responseCode = "409", description = "Blocked by Content ID, or rendered before stems were kept")
    public Uni<MashupStemsView> stems(@PathParam("id") String id) {
        return remixes.stems(user.id(), id);
    }

    @POST
    @Path("/remix")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Remix a mashup: a new studio project with its stems as tracks",
            description = "Keeps the mashup's remix permissions as they are now (the licence) and the credit the"
                    + " licence requires. The project (same id) appears in the studio a moment later. Send an"
                    + " Idempotency-Key header to make a retried click answer the same remix.")
    @APIResponse(responseCode = "202", description = "Begun (or begun before with the same Idempotency-Key)")
    @APIResponse(responseCode = "402", description = "Your plan has no stem exports")
    @APIResponse(
            responseCode = "403",
            description = "Remixing not allowed (remix-not-allowed) or not for commercial use"
                    + " (commercial-use-not-allowed)")
    @APIResponse(responseCode = "404", description = "No such mashup, or a private one of someone else")
    @APIResponse(responseCode = "409", description = "Blocked by Content ID (content-id-blocked), or no stems")
    public Uni<Response> remix(
            @PathParam("id") String id,
            @Valid RemixRequest request,
            @HeaderParam("Idempotency-Key") @Size(max = 200, message = "must be at most 200 characters")
                    String idempotencyKey) {
        return remixes.remix(user.id(), id, request == null ? RemixRequest.DEFAULT : request, idempotencyKey)
                .map(remix -> Response.status(202)
                        .location(URI.create(remix.projectUrl()))
                        .entity(remix)
                        .build());
    }

    /** The same without a JSON body (a bare POST, as a button sends it): the defaults. */
    @POST
    @Path("/remix")
    @Consumes(MediaType.WILDCARD)
    @Operation(hidden = true)
    public Uni<Response> remixWithDefaults(
            @PathParam("id") String id,
            @HeaderParam("Idempotency-Key") @Size(max = 200, message = "must be at most 200 characters")
                    String idempotencyKey) {
        return remix(id, null, idempotencyKey);
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
