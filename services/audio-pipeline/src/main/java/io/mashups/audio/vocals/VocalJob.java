package io.mashups.audio.vocals;

import static io.mashups.messaging.Blocking.await;

import io.mashups.audio.dsp.MusicalKey;
import io.mashups.audio.upload.Upload;
import io.mashups.audio.upload.UploadService;
import io.mashups.audio.upload.UploadStatus;
import io.mashups.jobs.Job;
import io.mashups.jobs.JobExecutor;
import io.mashups.jobs.JobFailure;
import io.mashups.media.MediaTools;
import io.mashups.media.Probe;
import io.mashups.storage.ObjectStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Renders a vocal with its engine, then keeps an MP3 to listen to and the vocal stem as FLAC, the latter as one of
 * the user's stored uploads (announced like any upload, so it is analysed and can be a source of the AI Magic
 * Generator). The upload's id follows from the job's, so a retried job replaces what an earlier attempt stored.
 */
@ApplicationScoped
public class VocalJob implements JobExecutor {
    public static final String KIND = "vocals";

    private final VocalEngines engines;
    private final ObjectStore store;
    private final UploadService uploads;

    public VocalJob(VocalEngines engines, ObjectStore store, UploadService uploads) {
        this.engines = engines;
        this.store = store;
        this.uploads = uploads;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Completion execute(Job job, Context context) throws Exception {
        VocalOrder order = job.request(VocalOrder.class);
        VocalEngine engine = engines.get(order.engine())
                .filter(VocalEngine::available)
                .orElseThrow(() -> new JobFailure("the engine " + order.engine() + " is not available"));
        context.progress("preparing", 5);
        MelodyContour reference = order.melodyRef() == null ? null : reference(job, order.melodyRef(), context);
        VocalTask task = new VocalTask(
                order.lines(),
                VocalStyle.parse(order.style()).orElseThrow(),
                order.voice(),
                order.bpm(),
                MusicalKey.parse(order.key()).orElseThrow(),
                reference,
                String.join("\n", order.lines()).hashCode());
        VocalEngine.Sung sung = engine.sing(task, context);
        context.progress("encoding", 85);
        Path flac = context.workDir().resolve("vocal.flac");
        Path mp3 = context.workDir().resolve("vocal.mp3");
        String audio = sung.audio().toString();
        MediaTools.ffmpeg(List.of("-i", audio, "-ac", "1", "-ar", "44100", "-c:a", "flac", flac.toString()));
        MediaTools.ffmpeg(List.of("-i", audio, "-ac", "1", "-ar", "44100", "-b:a", "192k", mp3.toString()));
        Probe probe = MediaTools.probe(flac).orElseThrow(() -> new JobFailure("the vocal could not be encoded"));
        String uploadId = UUID.nameUUIDFromBytes(("vocal:" + job.id).getBytes(StandardCharsets.UTF_8))
                .toString();
        String objectKey = "uploads/" + uploadId;
        String audioKey = "vocals/" + job.id + ".mp3";
        context.progress("storing", 92);
        store.upload(objectKey, flac, "audio/flac").await().indefinitely();
        store.upload(audioKey, mp3, "audio/mpeg").await().indefinitely();
        long size = Files.size(flac);
        return () -> uploads.storeGenerated(
                        uploadId, job.ownerId, fileName(order), "audio/flac", objectKey, size, probe)
                .chain(upload -> {
                    Vocal vocal = new Vocal();
                    vocal.id = job.id;
                    vocal.ownerId = job.ownerId;
                    vocal.uploadId = upload.id;
                    vocal.audioKey = audioKey;
                    vocal.engine = order.engine();
                    vocal.voiceId = order.voiceId();
                    vocal.style = order.style();
                    vocal.bpm = order.bpm();
                    vocal.musicalKey = order.key();
                    vocal.durationSec = probe.durationSec();
                    vocal.mashupId = order.mashupId();
                    vocal.createdAt = OffsetDateTime.now();
                    return vocal.persist();
                })
                .replaceWith(job.id);
    }

    /** The melody of the owner's stored reference upload. */
    private MelodyContour reference(Job job, String uploadId, Context context) throws Exception {
        Upload upload = await(() -> Panache.withSession(() -> Upload.<Upload>findById(uploadId)));
        if (upload == null || !upload.ownerId.equals(job.ownerId) || upload.status != UploadStatus.STORED) {
            throw new JobFailure("the melody reference " + uploadId + " is no longer available");
        }
        context.progress("tracking the melody", 8);
        Path file = store.download(upload.objectKey, context.workDir().resolve("reference"))
                .await()
                .indefinitely();
        return MelodyContour.of(file, context.workDir())
                .orElseThrow(() -> new JobFailure("the melody reference has no pitch to follow"));
    }

    /** "AI vocal - Under the silver lights.flac": the first words, as the upload's file name. */
    static String fileName(VocalOrder order) {
        String first = order.lines().get(0).replaceAll("[^\\p{L}\\p{N} '-]", "").trim();
        String words = first.length() > 40 ? first.substring(0, 40).trim() : first;
        return "AI vocal - " + (words.isEmpty() ? "untitled" : words) + ".flac";
    }
}
