package io.mashups.audio.analysis;

import static io.mashups.messaging.Blocking.await;

import io.mashups.audio.upload.Upload;
import io.mashups.audio.upload.UploadStatus;
import io.mashups.events.EventCatalog;
import io.mashups.events.audio.AnalysisCompletedV1;
import io.mashups.jobs.Job;
import io.mashups.jobs.JobExecutor;
import io.mashups.jobs.JobFailure;
import io.mashups.jobs.JobStore;
import io.mashups.messaging.outbox.Outbox;
import io.mashups.storage.ObjectStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;

/** Analyses a stored upload: tempo, beats, key, loudness, sections; stores them and announces them. */
@ApplicationScoped
public class AnalysisJob implements JobExecutor {
    public static final String KIND = "analysis";

    private final ObjectStore store;
    private final Outbox outbox;
    private final JobStore jobs;

    public AnalysisJob(ObjectStore store, Outbox outbox, JobStore jobs) {
        this.store = store;
        this.outbox = outbox;
        this.jobs = jobs;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Adds an analysis job for the upload to the caller's transaction. */
    public Uni<Job> enqueue(String uploadId, String ownerId) {
        return jobs.enqueue(KIND, ownerId, uploadId, java.util.Map.of());
    }

    @Override
    public Completion execute(Job job, Context context) throws Exception {
        Upload upload = await(() -> Panache.withSession(() -> Upload.<Upload>findById(job.subjectId)));
        if (upload == null || upload.status != UploadStatus.STORED) {
            throw new JobFailure("the upload " + job.subjectId + " is not stored");
        }
        context.progress("downloading", 10);
        Path audio = context.workDir().resolve("upload");
        store.download(upload.objectKey, audio).await().indefinitely();
        context.progress("analysing", 30);
        MusicAnalysis result = AudioAnalyzer.analyse(audio);
        return () -> record(upload, result);
    }

    private Uni<String> record(Upload upload, MusicAnalysis result) {
        Analysis row = AnalysisCodec.toRow(upload.id, upload.ownerId, result);
        return Panache.getSession()
                .chain(session -> session.merge(row))
                .call(() -> outbox.add(
                        EventCatalog.ANALYSIS_COMPLETED,
                        upload.id,
                        new AnalysisCompletedV1(
                                upload.id,
                                upload.ownerId,
                                result.bpm(),
                                result.key().name(),
                                result.keyConfidence(),
                                result.integratedLufs(),
                                result.truePeakDbtp(),
                                result.durationSec())))
                .replaceWith(upload.id);
    }
}
