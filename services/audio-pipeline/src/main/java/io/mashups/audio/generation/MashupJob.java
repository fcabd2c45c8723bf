package io.mashups.audio.generation;

import static io.mashups.messaging.Blocking.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mashups.audio.analysis.Analysis;
import io.mashups.audio.analysis.AnalysisCodec;
import io.mashups.audio.dsp.MusicalKey;
import io.mashups.audio.mashup.Mashup;
import io.mashups.audio.mashup.MashupService;
import io.mashups.audio.render.MashupPipeline;
import io.mashups.audio.render.MashupPlanner;
import io.mashups.audio.stems.StemSeparator;
import io.mashups.audio.upload.Upload;
import io.mashups.events.EventCatalog;
import io.mashups.events.audio.MashupRenderedV1;
import io.mashups.events.audio.StemsReadyV1;
import io.mashups.jobs.Job;
import io.mashups.jobs.JobExecutor;
import io.mashups.jobs.JobFailure;
import io.mashups.messaging.outbox.Outbox;
import io.mashups.storage.ObjectStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/** The AI Magic Generator's job: fetch both songs, run the pipeline, store the result, record the mashup. */
@ApplicationScoped
public class MashupJob implements JobExecutor {
    public static final String KIND = "mashup";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INSERT = """
            INSERT INTO mashups (id, owner_id, job_id, title, source_upload_ids, duration_sec, bpm, musical_key, format,
                audio_key, waveform_key, visibility, created_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 'private', ?12) ON CONFLICT (id) DO NOTHING""";
    private static final Map<String, String> CONTENT_TYPES =
            Map.of("mp3", "audio/mpeg", "wav", "audio/wav", "m4a", "audio/mp4");

    private final ObjectStore store;
    private final Outbox outbox;
    private final StemSeparator separator;

    public MashupJob(ObjectStore store, Outbox outbox, StemSeparator separator) {
        this.store = store;
        this.outbox = outbox;
        this.separator = separator;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Completion execute(Job job, Context context) throws Exception {
        MashupOrder order = job.request(MashupOrder.class);
        Source vocal = source(order.vocalsFrom(), job.ownerId);
        List<Source> instrumentals = new ArrayList<>();
        for (String id : order.instrumentals()) {
            instrumentals.add(source(id, job.ownerId));
        }
        context.progress("downloading", 2);
        MashupPipeline.Input vocalInput = download(vocal, context.workDir().resolve("source-vocal"));
        List<MashupPipeline.Input> instrumentalInputs = new ArrayList<>();
        for (int i = 0; i < instrumentals.size(); i++) {
            instrumentalInputs.add(
                    download(instrumentals.get(i), context.workDir().resolve("source-instrumental-" + i)));
        }
        MashupPipeline.Output output;
        try {
            output = MashupPipeline.run(
                    separator,
                    vocalInput,
                    instrumentalInputs,
                    new MashupPipeline.Request(
                            order.targetBpm(),
                            order.targetKey() == null
                                    ? null
                                    : MusicalKey.parse(order.targetKey()).orElseThrow(),
                            order.durationSec(),
                            order.format()),
                    context.workDir(),
                    (stage, percent) -> {
                        try {
                            context.progress(stage, percent);
                        } catch (JobCancelled cancelled) {
                            throw new CancellationException(cancelled.getMessage());
                        }
                    });
        } catch (CancellationException cancelled) {
            throw new JobCancelled(cancelled.getMessage());
        } catch (MashupPlanner.Unmixable unmixable) {
            throw new JobFailure(unmixable.getMessage());
        }
        context.progress("storing", 97);
        String audioKey = MashupService.audioKey(job.id, order.format());
        String waveformKey = MashupService.waveformKey(job.id);
        String vocalsKey = MashupService.placedVocalsKey(job.id);
        Path waveform = context.workDir().resolve("waveform.json");
        Files.write(
                waveform,
                JSON.writeValueAsBytes(Map.of(
                        "peaks", output.peaks(), "durationSec", output.plan().durationSec())));
        store.upload(audioKey, output.audio(), CONTENT_TYPES.get(order.format()))
                .await()
                .indefinitely();
        store.upload(waveformKey, waveform, "application/json").await().indefinitely();
        store.upload(vocalsKey, output.placedVocals(), "audio/flac").await().indefinitely();
        String title = order.title() != null ? order.title() : title(vocal.upload, instrumentals.get(0).upload);
        return () -> record(job, order, title, output, audioKey, waveformKey, vocalsKey);
    }

    private Uni<String> record(
            Job job,
            MashupOrder order,
            String title,
            MashupPipeline.Output output,
            String audioKey,
            String waveformKey,
            String vocalsKey) {
        double duration = output.plan().durationSec();
        String key = output.plan().key().name();
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(INSERT)
                        .setParameter(1, job.id)
                        .setParameter(2, job.ownerId)
                        .setParameter(3, job.id)
                        .setParameter(4, title)
                        .setParameter(5, sourcesJson(order))
                        .setParameter(6, duration)
                        .setParameter(7, output.plan().targetBpm())
                        .setParameter(8, key)
                        .setParameter(9, order.format())
                        .setParameter(10, audioKey)
                        .setParameter(11, waveformKey)
                        .setParameter(12, OffsetDateTime.now())
                        .executeUpdate())
                .call(() -> outbox.add(
                        EventCatalog.MASHUP_RENDERED,
                        job.id,
                        new MashupRenderedV1(
                                job.id,
                                job.ownerId,
                                job.id,
                                title,
                                order.sources(),
                                audioKey,
                                order.format(),
                                duration,
                                output.plan().targetBpm(),
                                key,
                                Mashup.PRIVATE)))
                .call(() -> outbox.add(
                        EventCatalog.STEMS_READY,
                        job.id,
                        new StemsReadyV1(
                                job.id, "mashup", job.ownerId, separator.engine(), Map.of("vocals", vocalsKey))))
                .replaceWith(job.id);
    }

    private record Source(Upload upload, io.mashups.audio.analysis.MusicAnalysis analysis) {}

    private MashupPipeline.Input download(Source source, Path file) {
        return new MashupPipeline.Input(
                source.upload.id,
                store.download(source.upload.objectKey, file).await().indefinitely(),
                source.analysis);
    }

    private static Source source(String uploadId, String ownerId) throws JobFailure {
        Upload upload = await(() -> Panache.withSession(() -> Upload.<Upload>findById(uploadId)));
        if (upload == null || !upload.ownerId.equals(ownerId) || !Upload.STORED.equals(upload.status)) {
            throw new JobFailure("the upload " + uploadId + " is no longer available");
        }
        Analysis analysis = await(() -> Panache.withSession(() -> Analysis.<Analysis>findById(uploadId)));
        return new Source(upload, analysis == null ? null : AnalysisCodec.fromRow(analysis));
    }

    private static String title(Upload vocal, Upload instrumental) {
        return (stem(vocal.fileName) + " x " + stem(instrumental.fileName))
                .substring(0, Math.min(120, (stem(vocal.fileName) + " x " + stem(instrumental.fileName)).length()));
    }

    private static String stem(String fileName) {
        return fileName.replaceFirst("\\.[^.]+$", "");
    }

    private static String sourcesJson(MashupOrder order) {
        try {
            return JSON.writeValueAsString(order.sources());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
