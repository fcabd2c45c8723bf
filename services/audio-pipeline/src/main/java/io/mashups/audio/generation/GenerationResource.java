package io.mashups.audio.generation;

import static io.mashups.messaging.Blocking.await;

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

@Path("/api/mashup/ai")
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class GenerationResource {
    private final CurrentUser user;
    private final GenerationService generation;

    public GenerationResource(CurrentUser user, GenerationService generation) {
        this.user = user;
        this.generation = generation;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Generate a mashup (AI Magic Generator)",
            description = "Lays the vocal of one upload over the instrumental of another: tempo matched (the best tempo"
                    + " of 60-200 BPM in the band that keeps every song within 15% of stretch, counting half and double"
                    + " time; beyond it the vocal is stretched up to 25% and the result's mix.compromises says so), key"
                    + " matched on the Camelot wheel (at most 3 semitones), phrase-aligned, ducked and EQ'd, mastered"
                    + " to -14 LUFS. Only input that is not music fails: a silent song, or an instrumental without a"
                    + " steady beat. Repeat a request with the same Idempotency-Key to get the same job.")
    @APIResponse(
            responseCode = "202",
            description = "Queued: follow statusUrl or eventsUrl",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = JobAccepted.class)))
    @APIResponse(responseCode = "402", description = "The plan's monthly AI generations or mashups are used up")
    @APIResponse(responseCode = "404", description = "A source is not one of your uploads")
    @APIResponse(responseCode = "429", description = "Too many of your generations are queued or running")
    public Uni<Response> start(
            @Valid @NotNull(message = "a JSON body is required") GenerationRequest request,
            @HeaderParam("Idempotency-Key") @Size(max = 200) String idempotencyKey) {
        return generation
                .start(user.id(), user.displayName(), request, idempotencyKey)
                .map(job -> JobAccepted.response(job, "/api/mashup/ai/"));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A generation's status, stage, progress 0-100, error, and the mashup once done")
    public Uni<JobView> status(@PathParam("id") String id) {
        return generation.status(user.id(), id);
    }

    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Progress as Server-Sent Events",
            description = "One event per change; the stream ends when the job does")
    @APIResponse(responseCode = "404", description = "Not one of your generations")
    @Blocking // the job is looked up before the stream's headers go out, so a stranger gets a 404, not an empty stream
    public Multi<JobView> events(@PathParam("id") String id) {
        return await(() -> generation.follow(user.id(), id));
    }

    @GET
    @Path("/{id}/download")
    @Operation(summary = "Download the finished mashup", description = "Redirects to a short-lived presigned URL")
    @APIResponse(responseCode = "302", description = "Location: the audio file")
    @APIResponse(responseCode = "409", description = "Not finished, failed or cancelled")
    public Uni<Response> download(@PathParam("id") String id) {
        return generation
                .download(user.id(), id)
                .map(url -> Response.status(302).location(url).build());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Cancel a generation", description = "A running job stops at its next step; nothing is kept")
    @APIResponse(responseCode = "409", description = "The job already finished")
    public Uni<JobView> cancel(@PathParam("id") String id) {
        return generation.cancel(user.id(), id);
    }
}
