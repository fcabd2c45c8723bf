package io.mashups.audio.stems;

import static io.mashups.messaging.Blocking.await;

import io.mashups.audio.generation.JobAccepted;
import io.mashups.web.CurrentUser;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jboss.resteasy.reactive.RestStreamElementType;

@Path("/api/media/uploads/{id}/stems")
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class StemsResource {
    private final CurrentUser user;
    private final StemsService stems;

    public StemsResource(CurrentUser user, StemsService stems) {
        this.user = user;
        this.stems = stems;
    }

    @POST
    @Operation(
            summary = "Split one of your uploads into vocals, drums, bass and other",
            description = "A job: follow statusUrl or eventsUrl. Asking again answers the same job.")
    @APIResponse(responseCode = "202", description = "Queued (or already queued or done)")
    @APIResponse(responseCode = "402", description = "Your plan has no stem exports")
    public Uni<Response> split(@PathParam("id") String id) {
        String base = "/api/media/uploads/" + id + "/stems/jobs/";
        return stems.split(user.id(), id).map(job -> JobAccepted.response(job, base));
    }

    @GET
    @Operation(summary = "The upload's stems, each with a short-lived download URL")
    @APIResponse(responseCode = "402", description = "Your plan has no stem exports")
    @APIResponse(responseCode = "404", description = "Not your upload, or not split yet (type no-stems)")
    public Uni<StemsView> list(@PathParam("id") String id) {
        return stems.stems(user.id(), id);
    }

    @GET
    @Path("/jobs/{jobId}")
    @Operation(summary = "A stems job's status, stage and progress")
    public Uni<StemsJobView> status(@PathParam("id") String id, @PathParam("jobId") String jobId) {
        return stems.status(user.id(), id, jobId);
    }

    @GET
    @Path("/jobs/{jobId}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "A stems job's progress as Server-Sent Events; the stream ends when the job does")
    @Blocking // the job is looked up before the stream's headers go out, so a stranger gets a 404
    public Multi<StemsJobView> events(@PathParam("id") String id, @PathParam("jobId") String jobId) {
        return await(() -> stems.follow(user.id(), jobId));
    }
}
