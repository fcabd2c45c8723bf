package io.mashups.community.battle;

import io.mashups.community.profile.Caller;
import io.mashups.web.CurrentUser;
import io.mashups.web.PageQuery;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

@Path("/api/battles")
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class BattleResource {
    private final CurrentUser user;
    private final BattleService battles;

    public BattleResource(CurrentUser user, BattleService battles) {
        this.user = user;
        this.battles = battles;
    }

    @GET
    @Operation(summary = "Battles, the latest to start first; ?status= one of upcoming, active, voting, completed")
    public Uni<Battles> list(
            @QueryParam("status")
                    @Pattern(
                            regexp = "upcoming|active|voting|completed|cancelled",
                            message = "must be upcoming, active, voting, completed or cancelled")
                    String status,
            @Valid @BeanParam PageQuery paging) {
        return battles.list(Caller.of(user), status == null ? null : BattleStatus.of(status), paging);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a battle (admins)")
    @APIResponse(responseCode = "201", description = "Created")
    public Uni<Response> create(@Valid @NotNull(message = "a JSON body is required") BattleDraft draft) {
        return battles.create(Caller.of(user), draft)
                .map(detail -> Response.status(201).entity(detail).build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A battle with its entries and your vote; counts and ranks null while voting is blind")
    public Uni<BattleDetail> get(@PathParam("id") String id) {
        return battles.get(Caller.of(user), id);
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a battle (admins): texts and prizes until decided, times before it starts")
    public Uni<BattleDetail> update(
            @PathParam("id") String id, @Valid @NotNull(message = "a JSON body is required") BattlePatch patch) {
        return battles.update(Caller.of(user), id, patch);
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel a battle that is not decided (admins)")
    public Uni<BattleDetail> cancel(@PathParam("id") String id) {
        return battles.cancel(Caller.of(user), id);
    }

    @POST
    @Path("/{id}/entries")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Enter one of your public or unlisted mashups while entries are open")
    @APIResponse(responseCode = "201", description = "Entered")
    public Uni<Response> enter(
            @PathParam("id") String id, @Valid @NotNull(message = "a JSON body is required") EntryRequest request) {
        return battles.enter(Caller.of(user), id, request)
                .map(entry -> Response.status(201).entity(entry).build());
    }

    @POST
    @Path("/{id}/vote")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Vote for an entry while voting is open; a second vote replaces the first")
    public Uni<VoteView> vote(
            @PathParam("id") String id, @Valid @NotNull(message = "a JSON body is required") VoteRequest request) {
        return battles.vote(Caller.of(user), id, request);
    }

    @PUT
    @Path("/{id}/entries/{entryId}/score")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Score an entry 1 to 10 on each criterion (the battle's judges, while voting is open)")
    public Uni<ScoreView> score(
            @PathParam("id") String id,
            @PathParam("entryId") String entryId,
            @Valid @NotNull(message = "a JSON body is required") ScoreRequest request) {
        return battles.score(Caller.of(user), id, entryId, request);
    }
}
