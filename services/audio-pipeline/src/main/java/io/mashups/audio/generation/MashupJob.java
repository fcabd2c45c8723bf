package io.mashups.audio.generation;

import static io.mashups.messaging.Blocking.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mashups.audio.analysis.Analysis;
import io.mashups.audio.analysis.AnalysisCodec;
import io.mashups.audio.dsp.MusicalKey;
import io.mashups.audio.mashup.MashupService;
import io.mashups.audio.render.MashupPipeline;
import io.mashups.audio.render.MashupPlanner;
import io.mashups.audio.stems.StemSeparator;
import io.mashups.audio.upload.Upload;
import io.mashups.audio.upload.UploadStatus;
import io.mashups.events.EventCatalog;
import io.mashups.events.audio.MashupRenderedV1;
import io.mashups.events.audio.StemsReadyV1;
import io.mashups.jobs.Job;
import io.mashups.jobs.JobExecutor;
import io.mashups.jobs.JobFailure;
import io.mashups.json.Json;
import io.mashups.messaging.mashups.Visibility;
import io.mashups.messaging.outbox.Outbox;
import io.mashups.storage.ObjectStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/** The AI Magic Generator's job: fetch both songs, run the pipeline, store the result, record the mashup. */
@ApplicationScoped
public class MashupJob implements JobExecutor {
    public static final String KIND = "mashup";
    private static final ObjectMapper JSON = Json.mapper();
    private static final Map<String, String> CONTENT_TYPES =
            Map.of("mp3", "audio/mpeg", "wav", "audio/wav", "m4a", "audio/mp4");

    private final ObjectStore store;
    private final Outbox outbox;
    private final StemSeparator separator;
    private final MashupService mashups;

    public MashupJob(ObjectStore store, Outbox outbox, StemSeparator separator, MashupService mashups) {
        this.store = store;
        this.outbox = outbox;
        this.separator = separator;
        this.mashups = mashups;
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
        MashupRenderedV1 rendered = new MashupRenderedV1(
                job.id,
                job.ownerId,
                job.id,
                title,
                order.sources(),
                audioKey,
                order.format(),
                output.plan().durationSec(),
                output.plan().targetBpm(),
                output.plan().key().name(),
                Visibility.PRIVATE.wire());
        return mashups.recordRendered(rendered, waveformKey)
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
        if (upload == null || !upload.ownerId.equals(ownerId) || upload.status != UploadStatus.STORED) {
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
}
