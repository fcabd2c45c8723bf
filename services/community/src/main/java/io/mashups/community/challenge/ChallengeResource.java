package io.mashups.community.challenge;

import io.mashups.community.Inputs;
import io.mashups.community.battle.EntryRequest;
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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

@Path("/api/challenges")
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class ChallengeResource {
    private final CurrentUser user;
    private final ChallengeService challenges;

    public ChallengeResource(CurrentUser user, ChallengeService challenges) {
        this.user = user;
        this.challenges = challenges;
    }

    @GET
    @Path("/current")
    @Operation(summary = "The challenges taking submissions now, with the rota's daily and weekly ones beside")
    public Uni<CurrentChallenges> current() {
        return challenges.current(Caller.of(user));
    }

    @GET
    @Operation(summary = "Challenges, the latest to start first; ?status= and ?type= narrow them")
    public Uni<ChallengeList> list(
            @QueryParam("status")
                    @Pattern(
                            regexp = "upcoming|active|completed|cancelled",
                            message = "must be upcoming, active, completed or cancelled")
                    String status,
            @QueryParam("type") @Pattern(regexp = "daily|weekly|special", message = "must be daily, weekly or special")
                    String type,
            @Valid @BeanParam PageQuery paging) {
        return challenges.list(
                Caller.of(user),
                status == null ? null : ChallengeStatus.of(status),
                type == null ? null : ChallengeType.of(type),
                paging);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A challenge, with your entry if you submitted one")
    public Uni<ChallengeView> get(
            @PathParam("id") @Pattern(regexp = Inputs.ID, message = Inputs.ID_MESSAGE) String id) {
        return challenges.get(Caller.of(user), id);
    }

    @GET
    @Path("/{id}/entries")
    @Operation(summary = "A challenge's entries, the latest submission first, with scores and ranks as the board shows")
    public Uni<ChallengeEntries> entries(
            @PathParam("id") @Pattern(regexp = Inputs.ID, message = Inputs.ID_MESSAGE) String id,
            @Valid @BeanParam PageQuery paging) {
        return challenges.entries(Caller.of(user), id, paging);
    }

    @GET
    @Path("/{id}/leaderboard")
    @Operation(summary = "A challenge's ranked board: live, frozen from the freeze until the end, then final")
    public Uni<ChallengeBoard> leaderboard(
            @PathParam("id") @Pattern(regexp = Inputs.ID, message = Inputs.ID_MESSAGE) String id,
            @Valid @BeanParam PageQuery paging) {
        return challenges.leaderboard(Caller.of(user), id, paging);
    }

    @POST
    @Path("/{id}/submit")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit one of your mashups (again with another to change it) while the challenge is active")
    @APIResponse(responseCode = "201", description = "Submitted")
    @APIResponse(responseCode = "200", description = "Your entry, changed to this mashup or as it was")
    public Uni<Response> submit(
            @PathParam("id") @Pattern(regexp = Inputs.ID, message = Inputs.ID_MESSAGE) String id,
            @Valid @NotNull(message = "a JSON body is required") EntryRequest request) {
        return challenges
                .submit(Caller.of(user), id, request)
                .map(submitted -> Response.status(submitted.created() ? 201 : 200)
                        .entity(submitted.entry())
                        .build());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a challenge (admins)")
    @APIResponse(responseCode = "201", description = "Created")
    public Uni<Response> create(@Valid @NotNull(message = "a JSON body is required") ChallengeDraft draft) {
        return challenges
                .create(Caller.of(user), draft)
                .map(view -> Response.status(201).entity(view).build());
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Edit a challenge's texts or reward until it is ranked (admins)")
    public Uni<ChallengeView> update(
            @PathParam("id") @Pattern(regexp = Inputs.ID, message = Inputs.ID_MESSAGE) String id,
            @Valid @NotNull(message = "a JSON body is required") ChallengePatch patch) {
        return challenges.update(Caller.of(user), id, patch);
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel a challenge that is not ranked yet (admins)")
    public Uni<ChallengeView> cancel(
            @PathParam("id") @Pattern(regexp = Inputs.ID, message = Inputs.ID_MESSAGE) String id) {
        return challenges.cancel(Caller.of(user), id);
    }
}
