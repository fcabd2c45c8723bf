package io.mashups.attribution.contentid;

import io.mashups.attribution.catalogue.CatalogueService;
import io.mashups.attribution.catalogue.ClaimPolicy;
import io.mashups.attribution.catalogue.ClaimView;
import io.mashups.attribution.catalogue.ReferenceView;
import io.mashups.attribution.catalogue.RegisterReference;
import io.mashups.web.CurrentUser;
import io.mashups.web.PageQuery;
import io.mashups.web.ProblemException;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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

/**
 * Content ID: the reference catalogue and its claims (administrators, and rights holders for what they registered),
 * mashup verdicts and their disputes (owners dispute, administrators resolve).
 */
@Path("/api/content-id")
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class ContentIdResource {
    /** Role of a rights holder: registers their own uploads as references and sets their claims' policies. */
    public static final String RIGHTS_HOLDER = "rights-holder";

    private final CurrentUser user;
    private final CatalogueService catalogue;
    private final VerdictService verdicts;

    public ContentIdResource(CurrentUser user, CatalogueService catalogue, VerdictService verdicts) {
        this.user = user;
        this.catalogue = catalogue;
        this.verdicts = verdicts;
    }

    public record DisputeRequest(
            @NotBlank(message = "is required") @Size(max = 2000, message = "must be at most 2000 characters")
            String reason) {}

    public record Resolution(
            @NotNull(message = "is required") @Pattern(regexp = "uphold|release", message = "must be uphold or release")
            String decision,

            @Size(max = 2000, message = "must be at most 2000 characters")
            String note) {}

    private CatalogueService.Actor catalogueActor() {
        if (!user.isAdmin() && !user.roles().contains(RIGHTS_HOLDER)) {
            throw ProblemException.forbidden("Only administrators and rights holders manage the reference catalogue");
        }
        return new CatalogueService.Actor(user.id(), user.isAdmin());
    }

    @POST
    @Path("/references")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Register an upload as a reference track, with its claim's policy",
            description = "Administrators may register any upload, rights holders their own. The track is "
                    + "fingerprinted (landmarks and Chromaprint) and every replica matches against it within seconds.")
    @APIResponse(responseCode = "201", description = "The reference track and its claim")
    @APIResponse(responseCode = "403", description = "Neither an administrator nor a rights holder")
    @APIResponse(responseCode = "404", description = "No such upload (of yours)")
    @APIResponse(
            responseCode = "409",
            description = "The upload is already a reference track, or a live reference is the "
                    + "same recording (type same-recording, its referenceId given)")
    @APIResponse(responseCode = "422", description = "Not audio, too short, or nothing to fingerprint")
    public Uni<Response> register(@Valid @NotNull(message = "a JSON body is required") RegisterReference request) {
        return catalogue
                .register(catalogueActor(), request)
                .map(view ->
                        Response.status(Response.Status.CREATED).entity(view).build());
    }

    @GET
    @Path("/references")
    @Operation(summary = "Reference tracks, newest first (rights holders: their own)")
    public Uni<List<ReferenceView>> references(@Valid @BeanParam PageQuery page) {
        return catalogue.list(catalogueActor(), page.index(), page.size);
    }

    @GET
    @Path("/references/{id}")
    @Operation(summary = "One reference track")
    @APIResponse(responseCode = "404", description = "No such reference track (of yours)")
    public Uni<ReferenceView> reference(@PathParam("id") String id) {
        return catalogue.get(catalogueActor(), id);
    }

    @DELETE
    @Path("/references/{id}")
    @Operation(summary = "Remove a reference track from matching")
    @APIResponse(responseCode = "204", description = "Removed")
    public Uni<Response> remove(@PathParam("id") String id) {
        return catalogue
                .remove(catalogueActor(), id)
                .map(ignored -> Response.noContent().build());
    }

    @GET
    @Path("/claims")
    @Operation(summary = "Claims, newest first (rights holders: their own)")
    public Uni<List<ClaimView>> claims(@Valid @BeanParam PageQuery page) {
        return catalogue.claims(catalogueActor(), page.index(), page.size);
    }

    @PATCH
    @Path("/claims/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Set a claim's policy: block, allow or attribute",
            description = "Applies to mashups matched from now on.")
    @APIResponse(responseCode = "404", description = "No such claim (of yours)")
    public Uni<ClaimView> setPolicy(
            @PathParam("id") String id, @Valid @NotNull(message = "a JSON body is required") ClaimPolicy request) {
        return catalogue.setPolicy(catalogueActor(), id, request.policy());
    }

    @GET
    @Path("/verdicts/{mashupId}")
    @Operation(summary = "The Content ID verdict on one of your mashups")
    @APIResponse(responseCode = "404", description = "No verdict on a mashup of yours")
    public Uni<VerdictView> verdict(@PathParam("mashupId") String mashupId) {
        return verdicts.view(user.id(), user.isAdmin(), mashupId);
    }

    @POST
    @Path("/verdicts/{mashupId}/dispute")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Dispute the block of one of your mashups (once)")
    @APIResponse(responseCode = "409", description = "Not blocked, or already disputed")
    public Uni<VerdictView> dispute(
            @PathParam("mashupId") String mashupId,
            @Valid @NotNull(message = "a JSON body is required") DisputeRequest request) {
        return verdicts.dispute(user.id(), mashupId, request.reason().strip());
    }

    @GET
    @Path("/disputes")
    @Operation(summary = "Open disputes, oldest first (administrators)")
    public Uni<List<VerdictView>> disputes(@Valid @BeanParam PageQuery page) {
        user.requireAdmin();
        return verdicts.openDisputes(page.index(), page.size);
    }

    @POST
    @Path("/disputes/{mashupId}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Resolve an open dispute (administrators): uphold the block or release the mashup")
    @APIResponse(responseCode = "403", description = "Not an administrator")
    @APIResponse(responseCode = "409", description = "No open dispute")
    public Uni<VerdictView> resolve(
            @PathParam("mashupId") String mashupId,
            @Valid @NotNull(message = "a JSON body is required") Resolution request) {
        user.requireAdmin();
        return verdicts.resolve(user.id(), mashupId, "release".equals(request.decision()), request.note());
    }
}
