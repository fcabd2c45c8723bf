package io.mashups.studio.project;

import io.mashups.studio.room.Rooms;
import io.mashups.web.CurrentUser;
import io.mashups.web.PageQuery;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
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

@Path("/api/projects")
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectResource {
    private final CurrentUser user;
    private final ProjectService projects;
    private final JoinTokens joinTokens;
    private final Rooms rooms;

    public ProjectResource(CurrentUser user, ProjectService projects, JoinTokens joinTokens, Rooms rooms) {
        this.user = user;
        this.projects = projects;
        this.joinTokens = joinTokens;
        this.rooms = rooms;
    }

    @GET
    @Operation(summary = "Projects you are a member of")
    public Uni<List<ProjectView>> list(@Valid @BeanParam PageQuery paging) {
        return rememberProfile().chain(() -> projects.list(user.id(), paging));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a project", description = "You become its owner")
    @APIResponse(responseCode = "201", description = "Created")
    public Uni<Response> create(@Valid @NotNull(message = "a JSON body is required") ProjectDraft draft) {
        return rememberProfile()
                .chain(() -> projects.create(user.id(), draft))
                .map(view -> Response.status(201).entity(view).build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A project you are a member of, with its document")
    public Uni<ProjectView> get(@PathParam("id") String id) {
        return projects.get(user.id(), id);
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change title, tempo or key (owner or editor)")
    public Uni<ProjectView> update(
            @PathParam("id") String id, @Valid @NotNull(message = "a JSON body is required") ProjectPatch patch) {
        return projects.update(user.id(), id, patch);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a project (owner)")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Uni<Response> delete(@PathParam("id") String id) {
        return projects.delete(user.id(), id)
                .invoke(() -> rooms.projectDeleted(id))
                .replaceWith(Response.noContent().build());
    }

    @GET
    @Path("/{id}/collaborators")
    @Operation(
            summary =
                    "Members with their names, pictures, colours, cursors, roles and whether they are in the studio now")
    public Uni<Collaborators> collaborators(@PathParam("id") String id) {
        return rememberProfile()
                .chain(() -> projects.collaborators(user.id(), id))
                .map(Collaborators::new);
    }

    @POST
    @Path("/{id}/members")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Invite a user by id as editor or viewer (owner; needs a plan with collaboration)")
    @APIResponse(responseCode = "402", description = "The owner's plan does not include collaboration")
    public Uni<Collaborators> invite(
            @PathParam("id") String id, @Valid @NotNull(message = "a JSON body is required") Invitation invitation) {
        return projects.invite(user.id(), id, invitation)
                .invoke(users -> rooms.memberChanged(
                        id, invitation.userId(), invitation.role() == null ? Member.EDITOR : invitation.role()))
                .map(Collaborators::new);
    }

    @DELETE
    @Path("/{id}/members/{userId}")
    @Operation(summary = "Remove a member (owner), or leave (yourself)")
    @APIResponse(responseCode = "204", description = "Removed")
    public Uni<Response> removeMember(@PathParam("id") String id, @PathParam("userId") String memberId) {
        return projects.removeMember(user.id(), id, memberId)
                .invoke(() -> rooms.memberChanged(id, memberId, null))
                .replaceWith(Response.noContent().build());
    }

    @POST
    @Path("/{id}/publish")
    @Operation(
            summary = "Publish your project as a mashup (rendered by audio-pipeline; a remix's keeps its lineage)",
            description = "Renders the document as stored. Pass ?sequence= with the last op your client saw to be"
                    + " told 409 while the studio is still saving it.")
    @APIResponse(responseCode = "202", description = "Sent to be rendered")
    @APIResponse(responseCode = "403", description = "Only the owner publishes")
    @APIResponse(responseCode = "409", description = "The document is not saved up to that sequence yet")
    public Uni<Response> publish(@PathParam("id") String id, @QueryParam("sequence") @PositiveOrZero Long sequence) {
        return projects.publish(user.id(), id, sequence)
                .map(publication -> Response.accepted(publication).build());
    }

    @POST
    @Path("/{id}/join")
    @Operation(summary = "A short-lived token and the room for the studio WebSocket (members)")
    public Uni<JoinTicket> join(@PathParam("id") String id) {
        return rememberProfile()
                .chain(() -> Panache.withSession(() -> projects.membership(user.id(), id)))
                .map(member -> joinTokens.issue(user.id(), id, member.role));
    }

    /** Where a user starts their studio work, their collaborators learn the name and picture their token gives. */
    private Uni<Void> rememberProfile() {
        return projects.rememberProfile(user.id(), user.displayName(), user.picture());
    }
}
