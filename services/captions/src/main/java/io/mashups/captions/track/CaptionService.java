package io.mashups.captions.track;

import io.mashups.captions.engine.Transcriber;
import io.mashups.captions.format.CaptionFormatter;
import io.mashups.captions.format.CaptionStyle;
import io.mashups.captions.format.Cue;
import io.mashups.captions.format.SubtitleFiles;
import io.mashups.captions.format.Word;
import io.mashups.jobs.JobStatus;
import io.mashups.jobs.JobStore;
import io.mashups.messaging.mashups.KnownMashup;
import io.mashups.web.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A mashup's captions: requests (a caption job and the track asking for it), reading them (the owner, or anyone
 * unless the mashup is private), the subtitle files, and the owner's corrections. Owns the transactions; tracks
 * never leave it.
 */
@ApplicationScoped
public class CaptionService {
    private final JobStore jobs;
    private final Transcriber transcriber;
    private final CaptionFormatter formatter = new CaptionFormatter(CaptionStyle.NETFLIX);

    public CaptionService(JobStore jobs, Transcriber transcriber) {
        this.jobs = jobs;
        this.transcriber = transcriber;
    }

    /** A queued caption job. */
    @Schema(name = "CaptionsQueued")
    public record Queued(
            @Schema(examples = "5d1c2b8e-8f0a-4f1e-b7a4-1c2d3e4f5a6b")
            String jobId,

            @Schema(examples = "queued") String status) {}

    /** One of the user's mashups captioned (again): aligned to the lyrics when given, else transcribed. */
    public Uni<Queued> request(String userId, String mashupId, String language, String lyrics) {
        Set<String> languages = transcriber.languages();
        if (language != null && !languages.contains(language)) {
            throw ProblemException.unprocessable("Captions in \"" + language + "\" are not supported here: "
                    + (languages.equals(Set.of("en"))
                            ? "the transcription engine knows only English (en)"
                            : "the transcription engine knows " + String.join(", ", new TreeSet<>(languages))));
        }
        String given = lyrics == null || lyrics.isBlank() ? null : lyrics;
        if (given != null && !given.matches("(?s).*\\p{L}.*")) {
            throw ProblemException.invalid(Map.of("lyrics", "must contain words to align"));
        }
        return Panache.withTransaction(
                        () -> owned(userId, mashupId).chain(mashup -> queue(mashup, language, given, false)))
                .map(track -> new Queued(track.jobId, track.status.wire()));
    }

    /**
     * In the caller's transaction: the automatic captions of a new mashup, as background work (a caption someone asks
     * for is taken before it); returns the track.
     */
    Uni<CaptionTrack> captionNewMashup(KnownMashup mashup) {
        return queue(mashup, null, null, true);
    }

    /** In the caller's transaction: a caption job, and the track asking for it; returns the track. */
    private Uni<CaptionTrack> queue(KnownMashup mashup, String language, String lyrics, boolean background) {
        CaptionJob.Request request = new CaptionJob.Request(language, lyrics);
        return CaptionTrack.<CaptionTrack>findById(mashup.id, LockModeType.PESSIMISTIC_WRITE)
                .chain(existing -> (background
                                ? jobs.enqueueBackground(CaptionJob.KIND, mashup.ownerId, mashup.id, request)
                                : jobs.enqueue(CaptionJob.KIND, mashup.ownerId, mashup.id, request))
                        .chain(job -> {
                            CaptionTrack track = existing != null ? existing : new CaptionTrack();
                            OffsetDateTime now = OffsetDateTime.now();
                            track.mashupId = mashup.id;
                            track.ownerId = mashup.ownerId;
                            track.jobId = job.id;
                            track.status = JobStatus.QUEUED;
                            track.requestedLanguage = language;
                            track.lyrics = lyrics;
                            track.error = null;
                            track.updatedAt = now;
                            if (existing == null) {
                                track.createdAt = now;
                                return Panache.getSession()
                                        .chain(session -> session.persist(track))
                                        .replaceWith(track);
                            }
                            return Uni.createFrom().item(track);
                        }));
    }

    public Uni<CaptionView> view(String userId, String mashupId) {
        return Panache.withSession(() -> readable(userId, mashupId)).map(CaptionView::of);
    }

    /** The finished captions as SubRip ({@code srt}) or WebVTT text; 409 while they are not ready. */
    public Uni<String> file(String userId, String mashupId, boolean srt) {
        return Panache.withSession(() -> readable(userId, mashupId)).map(track -> {
            if (track.status != JobStatus.COMPLETED) {
                throw ProblemException.conflict(
                        "The captions are " + track.status.wire() + (track.error == null ? "" : ": " + track.error));
            }
            return srt ? track.srt : track.vtt;
        });
    }

    /** The owner's corrections replace the segments; the SRT, WebVTT and text are rendered again. */
    public Uni<CaptionView> edit(String userId, String mashupId, CaptionEdit edit) {
        return Panache.withTransaction(() -> owned(userId, mashupId)
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

    private static Uni<KnownMashup> owned(String userId, String mashupId) {
        return KnownMashup.<KnownMashup>findById(mashupId).map(mashup -> {
            if (mashup == null || !mashup.ownedBy(userId)) {
                throw ProblemException.notFound("Mashup", mashupId);
            }
            return mashup;
        });
    }

    private static Uni<CaptionTrack> readable(String userId, String mashupId) {
        return KnownMashup.<KnownMashup>findById(mashupId).chain(mashup -> {
            if (mashup == null || !mashup.readableBy(userId)) {
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
