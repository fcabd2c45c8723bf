package io.mashups.community.battle;

import io.mashups.community.Inputs;
import io.mashups.community.profile.Caller;
import io.mashups.web.CurrentUser;
import io.mashups.web.PageQuery;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
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
    public Uni<BattleDetail> get(@PathParam("id") @Pattern(regexp = Inputs.ID, message = Inputs.ID_MESSAGE) String id) {
        return battles.get(Caller.of(user), id);
    }

    @GET
    @Path("/{id}/leaderboard")
    @Operation(
            summary = "A page of a battle's entries, best first",
            description = "Ranked by place once decided, by counted votes in open voting; in entry order, without "
                    + "votes or ranks, while voting is blind")
    public Uni<Leaderboard> leaderboard(
            @PathParam("id") @Pattern(regexp = Inputs.ID, message = Inputs.ID_MESSAGE) String id,
            @Valid @BeanParam PageQuery paging) {
        return battles.leaderboard(Caller.of(user), id, paging);
    }

    @GET
    @Path("/{id}/bracket")
    @Operation(
            summary = "A single or double elimination battle's bracket: rounds, matches, windows, scores, winners",
            description = "Scores of a blind battle's match are null until its window closes; 404 for an open battle")
    public Uni<BracketView> bracket(
            @PathParam("id") @Pattern(regexp = Inputs.ID, message = Inputs.ID_MESSAGE) String id) {
        return battles.bracket(Caller.of(user), id);
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a battle (admins): texts and prizes until decided, times before it starts")
    public Uni<BattleDetail> update(
            @PathParam("id") @Pattern(regexp = Inputs.ID, message = Inputs.ID_MESSAGE) String id,
            @Valid @NotNull(message = "a JSON body is required") BattlePatch patch) {
        return battles.update(Caller.of(user), id, patch);
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel a battle that is not decided (admins)")
    public Uni<BattleDetail> cancel(
            @PathParam("id") @Pattern(regexp = Inputs.ID, message = Inputs.ID_MESSAGE) String id) {
        return battles.cancel(Caller.of(user), id);
    }

    @POST
    @Path("/{id}/entries")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Enter one of your public or unlisted mashups while entries are open")
    @APIResponse(responseCode = "201", description = "Entered")
    public Uni<Response> enter(
            @PathParam("id") @Pattern(regexp = Inputs.ID, message = Inputs.ID_MESSAGE) String id,
            @Valid @NotNull(message = "a JSON body is required") EntryRequest request) {
        return battles.enter(Caller.of(user), id, request)
                .map(entry -> Response.status(201).entity(entry).build());
    }

    @POST
    @Path("/{id}/vote")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Vote for an entry while voting is open; a second vote replaces the first")
    @APIResponse(responseCode = "429", description = "Too many votes a minute")
    public Uni<VoteView> vote(
            @PathParam("id") @Pattern(regexp = Inputs.ID, message = Inputs.ID_MESSAGE) String id,
            @Valid @NotNull(message = "a JSON body is required") VoteRequest request,
            @Context HttpServerRequest http) {
        return battles.vote(Caller.of(user), id, request, clientAddress(http));
    }

    @GET
    @Path("/{id}/held-votes")
    @Operation(summary = "Votes held for review, the oldest first (admins)")
    public Uni<HeldVote.Page> heldVotes(
            @PathParam("id") @Pattern(regexp = Inputs.ID, message = Inputs.ID_MESSAGE) String id,
            @Valid @BeanParam PageQuery paging) {
        return battles.heldVotes(Caller.of(user), id, paging);
    }

    @POST
    @Path("/{id}/held-votes/{userId}/accept")
    @Operation(summary = "Count a held vote (admins)")
    @APIResponse(responseCode = "204", description = "Counted")
    public Uni<Response> accept(
            @PathParam("id") @Pattern(regexp = Inputs.ID, message = Inputs.ID_MESSAGE) String id,
            @PathParam("userId") @Pattern(regexp = Inputs.ID, message = Inputs.ID_MESSAGE) String userId) {
        return battles.review(Caller.of(user), id, userId, true)
                .replaceWith(Response.noContent().build());
    }

    @DELETE
    @Path("/{id}/held-votes/{userId}")
    @Operation(summary = "Reject a held vote: it is removed (admins)")
    @APIResponse(responseCode = "204", description = "Removed")
    public Uni<Response> reject(
            @PathParam("id") @Pattern(regexp = Inputs.ID, message = Inputs.ID_MESSAGE) String id,
            @PathParam("userId") @Pattern(regexp = Inputs.ID, message = Inputs.ID_MESSAGE) String userId) {
        return battles.review(Caller.of(user), id, userId, false)
                .replaceWith(Response.noContent().build());
    }

    /**
     * The client's address as the gateway worked it out (X-Real-IP, which it always sets, whatever a client sent;
     * only the gateway reaches this service); a direct call has none.
     */
    private static String clientAddress(HttpServerRequest http) {
        String client = http.getHeader("X-Real-IP");
        if (client != null && !client.isBlank()) {
            return client.strip();
        }
        return http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
    }

    @PUT
    @Path("/{id}/entries/{entryId}/score")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Score an entry 1 to 10 on each criterion (the battle's judges, while voting is open)")
    public Uni<ScoreView> score(
            @PathParam("id") @Pattern(regexp = Inputs.ID, message = Inputs.ID_MESSAGE) String id,
            @PathParam("entryId") @Pattern(regexp = Inputs.ID, message = Inputs.ID_MESSAGE) String entryId,
            @Valid @NotNull(message = "a JSON body is required") ScoreRequest request) {
        return battles.score(Caller.of(user), id, entryId, request);
    }
}
