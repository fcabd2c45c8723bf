package io.mashups.studio.voice;

import io.mashups.studio.project.ProjectService;
import io.mashups.web.CurrentUser;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

@Path("/api/studio/{id}/voice")
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class VoiceResource {
    private final CurrentUser user;
    private final ProjectService projects;
    private final VoiceProvider provider;

    public VoiceResource(CurrentUser user, ProjectService projects, VoiceProvider provider) {
        this.user = user;
        this.projects = projects;
        this.provider = provider;
    }

    @POST
    @Operation(summary = "The project's voice room and a token for you (members; viewers listen only)")
    public Uni<VoiceRoom> join(@PathParam("id") String projectId) {
        return Panache.withSession(() -> projects.membership(user.id(), projectId))
                .chain(member -> provider.join("studio_" + projectId, user.id(), member.mayEdit()));
    }
}
