package io.mashups.audio.stems;

import static io.mashups.messaging.Blocking.await;

import io.mashups.audio.upload.Upload;
import io.mashups.audio.upload.UploadStatus;
import io.mashups.jobs.Job;
import io.mashups.jobs.JobExecutor;
import io.mashups.jobs.JobFailure;
import io.mashups.media.MediaTools;
import io.mashups.storage.ObjectStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits a stored upload into vocals, drums, bass and other with the configured separator, stores each as FLAC, and
 * announces them ({@code audio.stems-ready}); a retried job replaces what an earlier attempt stored.
 */
@ApplicationScoped
public class StemsJob implements JobExecutor {
    public static final String KIND = "stems";

    private final ObjectStore store;
    private final StemRegistry registry;
    private final StemSeparator separator;

    public StemsJob(ObjectStore store, StemRegistry registry, StemSeparator separator) {
        this.store = store;
        this.registry = registry;
        this.separator = separator;
    }

    @Override
    public String kind() {
        return KIND;
    }

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
        List<StemRegistry.StoredStem> stored = new ArrayList<>();
        int done = 0;
        for (Stem stem : Stem.values()) {
            context.progress("storing", 80 + 5 * done++);
            Path flac = context.workDir().resolve(stem.wire() + ".flac");
            MediaTools.ffmpeg(List.of("-i", stems.get(stem).toString(), "-c:a", "flac", flac.toString()));
            stored.add(registry.store(StemRegistry.Asset.UPLOAD, upload.id, stem, flac));
        }
        return () -> registry.record(StemRegistry.Asset.UPLOAD, upload.id, upload.ownerId, separator.engine(), stored)
                .replaceWith(upload.id);
    }
}
