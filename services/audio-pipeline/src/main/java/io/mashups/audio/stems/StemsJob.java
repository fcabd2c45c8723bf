package io.mashups.audio.stems;

import static io.mashups.messaging.Blocking.await;

import io.mashups.audio.upload.Upload;
import io.mashups.audio.upload.UploadStatus;
import io.mashups.events.EventCatalog;
import io.mashups.events.audio.StemsReadyV1;
import io.mashups.jobs.Job;
import io.mashups.jobs.JobExecutor;
import io.mashups.jobs.JobFailure;
import io.mashups.media.MediaTools;
import io.mashups.messaging.outbox.Outbox;
import io.mashups.storage.ObjectStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Splits a stored upload into vocals, drums, bass and other with the configured separator, stores each as FLAC, and
 * announces them ({@code audio.stems-ready}); a retried job replaces what an earlier attempt stored.
 */
@ApplicationScoped
public class StemsJob implements JobExecutor {
    public static final String KIND = "stems";
    private static final String RECORD = """
            INSERT INTO upload_stems (upload_id, stem, object_key, duration_sec, engine, created_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (upload_id, stem) DO UPDATE SET object_key = excluded.object_key,
            duration_sec = excluded.duration_sec, engine = excluded.engine, created_at = excluded.created_at""";

    private final ObjectStore store;
    private final Outbox outbox;
    private final StemSeparator separator;

    public StemsJob(ObjectStore store, Outbox outbox, StemSeparator separator) {
        this.store = store;
        this.outbox = outbox;
        this.separator = separator;
    }

    @Override
    public String kind() {
        return KIND;
    }

    public static String key(String uploadId, Stem stem) {
        // not under uploads/<id>: that key is the upload itself (a file, on a filesystem-backed store)
        return "stems/uploads/" + uploadId + "/" + stem.name().toLowerCase(Locale.ROOT) + ".flac";
    }

    /** One stored stem. */
    private record Stored(Stem stem, String key, double durationSec) {}

    @Override
    public Completion execute(Job job, Context context) throws Exception {
        Upload upload = await(() -> Panache.withSession(() -> Upload.<Upload>findById(job.subjectId)));
        if (upload == null || !upload.ownerId.equals(job.ownerId) || upload.status != UploadStatus.STORED) {
            throw new JobFailure("the upload " + job.subjectId + " is no longer available");
        }
        context.progress("downloading", 5);
        Path audio = store.download(upload.objectKey, context.workDir().resolve("upload"))
                .await()
                .indefinitely();
        context.progress("separating", 15);
        Map<Stem, Path> stems = separator.separate(
                audio, Files.createDirectories(context.workDir().resolve("stems")));
        List<Stored> stored = new java.util.ArrayList<>();
        int done = 0;
        for (Stem stem : Stem.values()) {
            context.progress("storing", 80 + 5 * done++);
            Path flac = context.workDir().resolve(stem.name().toLowerCase(Locale.ROOT) + ".flac");
            MediaTools.ffmpeg(List.of("-i", stems.get(stem).toString(), "-c:a", "flac", flac.toString()));
            double duration = MediaTools.probe(flac)
                    .orElseThrow(() -> new IllegalStateException("the " + stem + " stem is not audio"))
                    .durationSec();
            String key = key(upload.id, stem);
            store.upload(key, flac, "audio/flac").await().indefinitely();
            stored.add(new Stored(stem, key, duration));
        }
        return () -> record(upload, stored);
    }

    private Uni<String> record(Upload upload, List<Stored> stems) {
        OffsetDateTime now = OffsetDateTime.now();
        Map<String, String> keys = new LinkedHashMap<>();
        return Panache.getSession()
                .chain(session -> {
                    Uni<Integer> written = Uni.createFrom().item(0);
                    for (Stored stem : stems) {
                        keys.put(stem.stem().name().toLowerCase(Locale.ROOT), stem.key());
                        written = written.chain(() -> session.createNativeQuery(RECORD)
                                .setParameter(1, upload.id)
                                .setParameter(2, stem.stem().name().toLowerCase(Locale.ROOT))
                                .setParameter(3, stem.key())
                                .setParameter(4, stem.durationSec())
                                .setParameter(5, separator.engine())
                                .setParameter(6, now)
                                .executeUpdate());
                    }
                    return written;
                })
                .chain(() -> outbox.add(
                        EventCatalog.STEMS_READY,
                        upload.id,
                        new StemsReadyV1(upload.id, "upload", upload.ownerId, separator.engine(), keys)))
                .replaceWith(upload.id);
    }
}
