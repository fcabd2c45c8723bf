package io.mashups.captions.api;

import io.mashups.captions.format.SubtitleFiles;
import io.mashups.captions.track.CaptionEdit;
import io.mashups.captions.track.CaptionService;
import io.mashups.captions.track.CaptionView;
import io.mashups.web.CurrentUser;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

@Path("/api/captions")
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class CaptionResource {
    private final CurrentUser user;
    private final CaptionService captions;

    public CaptionResource(CurrentUser user, CaptionService captions) {
        this.user = user;
        this.captions = captions;
    }

    @POST
    @Path("/generate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Caption a mashup (again)",
            description = "With lyrics: aligned to the audio (synced lyrics). Without: transcribed by the configured "
                    + "engine: the local pocketsphinx (English only, weak on singing, marked lowConfidence) unless an "
                    + "OpenAI-compatible API is configured. Rendered mashups are captioned by themselves.")
    @APIResponse(
            responseCode = "202",
            description = "Queued: {jobId, status}",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CaptionService.Queued.class)))
    @APIResponse(responseCode = "404", description = "Not your mashup, or not known")
    @APIResponse(responseCode = "422", description = "The language cannot be captioned here")
    public Uni<Response> generate(@Valid @NotNull(message = "a JSON body is required") GenerateRequest request) {
        return captions.request(user.id(), request.mashupId(), request.language(), request.lyrics())
                .map(queued -> Response.status(202).entity(queued).build());
    }

    @GET
    @Path("/{mashupId}")
    @Operation(summary = "A mashup's captions", description = "The owner's, or anyone's unless the mashup is private")
    public Uni<CaptionView> get(@PathParam("mashupId") String mashupId) {
        return captions.view(user.id(), mashupId);
    }

    @GET
    @Path("/{mashupId}.srt")
    @Produces(SubtitleFiles.SRT_TYPE)
    @Operation(summary = "The captions as a SubRip file")
    public Uni<Response> srt(@PathParam("mashupId") String mashupId) {
        return captions.file(user.id(), mashupId, true)
                .map(text -> file(mashupId, "srt", SubtitleFiles.SRT_TYPE, text));
    }

    @GET
    @Path("/{mashupId}.vtt")
    @Produces(SubtitleFiles.VTT_TYPE)
    @Operation(summary = "The captions as a WebVTT file")
    public Uni<Response> vtt(@PathParam("mashupId") String mashupId) {
        return captions.file(user.id(), mashupId, false)
                .map(text -> file(mashupId, "vtt", SubtitleFiles.VTT_TYPE, text));
    }

    @PUT
    @Path("/{mashupId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Correct the captions' text and timing",
            description = "The SRT, WebVTT and text are rendered again")
    @APIResponse(responseCode = "400", description = "Negative, reversed or overlapping times, or times past the end")
    @APIResponse(responseCode = "409", description = "The captions are not ready yet")
    public Uni<CaptionView> edit(
            @PathParam("mashupId") String mashupId,
            @Valid @NotNull(message = "a JSON body is required") CaptionEdit edit) {
        return captions.edit(user.id(), mashupId, edit);
    }

    private static Response file(String mashupId, String extension, String type, String text) {
        return Response.ok(text)
                .type(type + "; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + mashupId + "." + extension + "\"")
                .build();
    }
}
