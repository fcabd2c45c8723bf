package io.mashups.audio.generation;

import static io.mashups.messaging.Blocking.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mashups.audio.analysis.Analysis;
import io.mashups.audio.analysis.AnalysisCodec;
import io.mashups.audio.dsp.MusicalKey;
import io.mashups.audio.mashup.MashupService;
import io.mashups.audio.render.MashupPipeline;
import io.mashups.audio.render.MashupPlanner;
import io.mashups.audio.render.MixChoices;
import io.mashups.audio.stems.Stem;
import io.mashups.audio.stems.StemRegistry;
import io.mashups.audio.stems.StemSeparator;
import io.mashups.audio.upload.Upload;
import io.mashups.audio.upload.UploadStatus;
import io.mashups.events.audio.MashupRenderedV1;
import io.mashups.jobs.Job;
import io.mashups.jobs.JobExecutor;
import io.mashups.jobs.JobFailure;
import io.mashups.json.Json;
import io.mashups.messaging.mashups.Visibility;
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

/**
 * The AI Magic Generator's job: fetch both songs, run the pipeline, store the result and its four placed stems,
 * record the mashup.
 */
@ApplicationScoped
public class MashupJob implements JobExecutor {
    public static final String KIND = "mashup";
    private static final ObjectMapper JSON = Json.mapper();
    private static final Map<String, String> CONTENT_TYPES =
            Map.of("mp3", "audio/mpeg", "wav", "audio/wav", "m4a", "audio/mp4");

    private final ObjectStore store;
    private final StemRegistry stems;
    private final StemSeparator separator;
    private final MashupService mashups;

    public MashupJob(ObjectStore store, StemRegistry stems, StemSeparator separator, MashupService mashups) {
        this.store = store;
        this.stems = stems;
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
        Path waveform = context.workDir().resolve("waveform.json");
        Files.write(waveform, JSON.writeValueAsBytes(waveformJson(output)));
        store.upload(audioKey, output.audio(), CONTENT_TYPES.get(order.format()))
                .await()
                .indefinitely();
        store.upload(waveformKey, waveform, "application/json").await().indefinitely();
        List<StemRegistry.StoredStem> placed = new ArrayList<>();
        for (Stem stem : Stem.values()) {
            placed.add(stems.store(
                    StemRegistry.Asset.MASHUP,
                    job.id,
                    stem,
                    output.placedStems().get(stem)));
        }
        String title = order.title() != null ? order.title() : title(vocal.upload, instrumentals.get(0).upload);
        return () -> record(job, order, title, output, audioKey, waveformKey, placed);
    }

    private Uni<String> record(
            Job job,
            MashupOrder order,
            String title,
            MashupPipeline.Output output,
            String audioKey,
            String waveformKey,
            List<StemRegistry.StoredStem> placed) {
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
        return mashups.recordRendered(
                        rendered,
                        waveformKey,
                        order.creatorName(),
                        null,
                        MixChoices.of(output.plan(), order.vocalsFrom()))
                .call(() -> stems.record(StemRegistry.Asset.MASHUP, job.id, job.ownerId, separator.engine(), placed))
                .replaceWith(job.id);
    }

    /**
     * The player's waveform, and what the cover art colours it by: the mashup's sections (which instrumental plays
     * where) and its bar length.
     */
    private static Map<String, Object> waveformJson(MashupPipeline.Output output) {
        List<Map<String, Object>> sections = output.plan().sections().stream()
                .map(section -> Map.<String, Object>of(
                        "fromSec", section.fromSec(), "toSec", section.toSec(), "bed", section.bed()))
                .toList();
        return Map.of(
                "peaks",
                output.peaks(),
                "durationSec",
                output.plan().durationSec(),
                "barSec",
                output.plan().barSec(),
                "sections",
                sections);
    }

    private record Source(Upload upload, io.mashups.audio.analysis.MusicAnalysis analysis) {}

    private MashupPipeline.Input download(Source source, Path file) {
        return new MashupPipeline.Input(
                source.upload.id,
                source.upload.fileName,
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
