package io.mashups.audio.vocals;

import static io.mashups.messaging.Blocking.await;

import io.mashups.audio.generation.JobAccepted;
import io.mashups.web.CurrentUser;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jboss.resteasy.reactive.RestStreamElementType;

@Path("/api/ai/vocals")
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class VocalsResource {
    private final CurrentUser user;
    private final VocalsService vocals;

    public VocalsResource(CurrentUser user, VocalsService vocals) {
        this.user = user;
        this.vocals = vocals;
    }

    @POST
    @Path("/generate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Generate a vocal from lyrics",
            description = "Sings (a melody in the key, or the melodyRef's), raps (on sixteenths) or speaks the lyrics "
                    + "on the beat grid; with mashupId, in the mashup's tempo and key. The result is an MP3 and a "
                    + "stored upload holding the vocal stem. Counts as an AI generation. Repeat with the same "
                    + "Idempotency-Key to get the same job.")
    @APIResponse(
            responseCode = "202",
            description = "Queued: follow statusUrl or eventsUrl",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = JobAccepted.class)))
    @APIResponse(responseCode = "400", description = "Empty or marked-up lyrics, an unknown voice, style or key")
    @APIResponse(responseCode = "402", description = "The plan's monthly AI generations are used up")
    @APIResponse(responseCode = "404", description = "melodyRef or mashupId is not yours to use")
    @APIResponse(responseCode = "422", description = "A language the engine cannot sing, or a melodyRef not audio")
    @APIResponse(responseCode = "429", description = "Too many of your vocals are queued or running")
    @APIResponse(responseCode = "502", description = "The voice's provider could not be reached")
    public Uni<Response> generate(
            @Valid @NotNull(message = "a JSON body is required") VocalRequest request,
            @HeaderParam("Idempotency-Key") @Size(max = 200) String idempotencyKey) {
        return vocals.start(user.id(), request, idempotencyKey)
                .map(job -> JobAccepted.response(job, "/api/ai/vocals/"));
    }

    @GET
    @Path("/voices")
    @Operation(summary = "The voices of every engine; a provider without its key is listed unavailable")
    public Uni<VoicesView> voices() {
        return vocals.voices();
    }

    @GET
    @Path("/{jobId}")
    @Operation(summary = "A vocal job: status, audioUrl once done, error once failed, progress")
    @APIResponse(
            responseCode = "200",
            description = "The job, and the vocal once completed",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = VocalJobView.class)))
    @APIResponse(responseCode = "404", description = "Not one of your vocals")
    public Uni<VocalJobView> status(@PathParam("jobId") String jobId) {
        return vocals.status(user.id(), jobId);
    }

    @GET
    @Path("/{jobId}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Progress as Server-Sent Events", description = "One event per change; ends with the job")
    @APIResponse(responseCode = "404", description = "Not one of your vocals")
    @Blocking // the job is looked up before the stream's headers go out, so a stranger gets a 404, not a stream
    public Multi<VocalJobView> events(@PathParam("jobId") String jobId) {
        return await(() -> vocals.follow(user.id(), jobId));
    }

    @DELETE
    @Path("/{jobId}")
    @Operation(summary = "Cancel a vocal", description = "A running job stops at its next step; nothing is kept")
    @APIResponse(
            responseCode = "200",
            description = "Cancelled",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = VocalJobView.class)))
    @APIResponse(responseCode = "404", description = "Not one of your vocals")
    @APIResponse(responseCode = "409", description = "The job already finished")
    public Uni<VocalJobView> cancel(@PathParam("jobId") String jobId) {
        return vocals.cancel(user.id(), jobId);
    }
}
