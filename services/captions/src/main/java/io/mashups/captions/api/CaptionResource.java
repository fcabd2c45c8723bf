package io.mashups.captions.api;

import io.mashups.captions.engine.Transcriber;
import io.mashups.captions.format.CaptionFormatter;
import io.mashups.captions.format.CaptionStyle;
import io.mashups.captions.format.Cue;
import io.mashups.captions.format.SubtitleFiles;
import io.mashups.captions.format.Word;
import io.mashups.captions.track.CaptionRequests;
import io.mashups.captions.track.CaptionTrack;
import io.mashups.captions.track.CueJson;
import io.mashups.jobs.JobStatus;
import io.mashups.messaging.mashups.KnownMashup;
import io.mashups.web.CurrentUser;
import io.mashups.web.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.LockModeType;
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
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

@Path("/api/captions")
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class CaptionResource {

    private final CurrentUser user;
    private final CaptionRequests requests;
    private final Transcriber transcriber;
    private final CaptionFormatter formatter = new CaptionFormatter(CaptionStyle.NETFLIX);

    public CaptionResource(CurrentUser user, CaptionRequests requests, Transcriber transcriber) {
        this.user = user;
        this.requests = requests;
        this.transcriber = transcriber;
    }

    @POST
    @Path("/generate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Caption a mashup (again)",
            description = "With lyrics: aligned to the audio (synced lyrics). Without: transcribed by the configured "
                    + "engine: the local pocketsphinx (English only, weak on singing, marked lowConfidence) unless an "
                    + "OpenAI-compatible API is configured. Rendered mashups are captioned by themselves.")
    @APIResponse(responseCode = "202", description = "Queued: {jobId, status}")
    @APIResponse(responseCode = "404", description = "Not your mashup, or not known")
    @APIResponse(responseCode = "422", description = "The language cannot be captioned here")
    public Uni<Response> generate(@Valid @NotNull(message = "a JSON body is required") GenerateRequest request) {
        String language = request.language();
        Set<String> languages = transcriber.languages();
        if (language != null && !languages.contains(language)) {
            throw ProblemException.unprocessable("Captions in \"" + language + "\" are not supported here: "
                    + (languages.equals(Set.of("en"))
                            ? "the transcription engine knows only English (en)"
                            : "the transcription engine knows " + String.join(", ", new TreeSet<>(languages))));
        }
        String lyrics = request.lyrics() == null || request.lyrics().isBlank() ? null : request.lyrics();
        if (lyrics != null && !lyrics.matches("(?s).*\\p{L}.*")) {
            throw ProblemException.invalid(Map.of("lyrics", "must contain words to align"));
        }
        return Panache.withTransaction(
                        () -> owned(request.mashupId()).chain(mashup -> requests.queue(mashup, language, lyrics)))
                .map(track -> Response.status(202)
                        .entity(Map.of("jobId", track.jobId, "status", track.status.wire()))
                        .build());
    }

    @GET
    @Path("/{mashupId}")
    @Operation(summary = "A mashup's captions", description = "The owner's, or anyone's for a public mashup")
    public Uni<CaptionView> get(@PathParam("mashupId") String mashupId) {
        return Panache.withSession(() -> readable(mashupId)).map(CaptionView::of);
    }

    @GET
    @Path("/{mashupId}.srt")
    @Produces(SubtitleFiles.SRT_TYPE)
    @Operation(summary = "The captions as a SubRip file")
    public Uni<Response> srt(@PathParam("mashupId") String mashupId) {
        return file(mashupId, "srt");
    }

    @GET
    @Path("/{mashupId}.vtt")
    @Produces(SubtitleFiles.VTT_TYPE)
    @Operation(summary = "The captions as a WebVTT file")
    public Uni<Response> vtt(@PathParam("mashupId") String mashupId) {
        return file(mashupId, "vtt");
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
        return Panache.withTransaction(() -> owned(mashupId)
                .chain(mashup -> CaptionTrack.<CaptionTrack>findById(mashupId, LockModeType.PESSIMISTIC_WRITE)
                        .map(track -> {
                            if (track == null || track.status != JobStatus.COMPLETED) {
                                throw ProblemException.conflict("The captions are not ready yet");
                            }
                            List<Cue> cues = validated(edit, mashup.durationSec);
                            track.cues = CueJson.write(CueJson.segments(cues, List.of()));
                            track.crowded = CueJson.write(List.of());
                            track.srt = SubtitleFiles.srt(cues);
                            track.vtt = SubtitleFiles.vtt(cues);
                            track.txt = SubtitleFiles.txt(cues);
                            track.edited = true;
                            track.updatedAt = OffsetDateTime.now();
                            return CaptionView.of(track);
                        })));
    }

    /** Edited segments as cues: times checked, text laid out in lines as generated captions are. */
    private List<Cue> validated(CaptionEdit edit, double duration) {
        Map<String, String> errors = new HashMap<>();
        List<Cue> cues = new ArrayList<>();
        double previousEnd = -1;
        for (int i = 0; i < edit.segments().size(); i++) {
            CaptionEdit.Segment segment = edit.segments().get(i);
            String at = "segments[" + i + "]";
            if (segment.start() < 0) {
                errors.put(at + ".start", "must not be negative");
            } else if (segment.end() <= segment.start()) {
                errors.put(at + ".end", "must be after start");
            } else if (segment.end() > duration + 0.5) {
                errors.put(at + ".end", "is past the end of the mashup (" + Math.round(duration) + " s)");
            } else if (segment.start() < previousEnd) {
                errors.put(at + ".start", "overlaps the segment before");
            }
            previousEnd = Math.max(previousEnd, segment.end());
            List<Word> words = new ArrayList<>();
            for (String token : segment.text().strip().split("\\s+")) {
                words.add(new Word(
                        Math.max(0, segment.start()), Math.max(0, Math.max(segment.start(), segment.end())), token, 1));
            }
            cues.add(new Cue(segment.start(), segment.end(), formatter.lines(words)));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return cues;
    }

    private Uni<Response> file(String mashupId, String format) {
        return Panache.withSession(() -> readable(mashupId)).map(track -> {
            if (track.status != JobStatus.COMPLETED) {
                throw ProblemException.conflict(
                        "The captions are " + track.status.wire() + (track.error == null ? "" : ": " + track.error));
            }
            return Response.ok(format.equals("srt") ? track.srt : track.vtt)
                    .type(
                            format.equals("srt")
                                    ? SubtitleFiles.SRT_TYPE + "; charset=utf-8"
                                    : SubtitleFiles.VTT_TYPE + "; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"" + mashupId + "." + format + "\"")
                    .build();
        });
    }

    private Uni<KnownMashup> owned(String mashupId) {
        return KnownMashup.<KnownMashup>findById(mashupId).map(mashup -> {
            if (mashup == null || !mashup.ownedBy(user.id())) {
                throw ProblemException.notFound("Mashup", mashupId);
            }
            return mashup;
        });
    }

    private Uni<CaptionTrack> readable(String mashupId) {
        return KnownMashup.<KnownMashup>findById(mashupId).chain(mashup -> {
            if (mashup == null || !mashup.readableBy(user.id())) {
                throw ProblemException.notFound("Captions", mashupId);
            }
            return CaptionTrack.<CaptionTrack>findById(mashupId).map(track -> {
                if (track == null) {
                    throw ProblemException.notFound("Captions", mashupId);
                }
                return track;
            });
        });
    }
}
