package io.mashups.audio.publish;

import static io.mashups.messaging.Blocking.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mashups.audio.mashup.Mashup;
import io.mashups.audio.mashup.MashupService;
import io.mashups.audio.mashup.Verdict;
import io.mashups.audio.render.ProjectMixdown;
import io.mashups.audio.stems.Stem;
import io.mashups.audio.stems.StemRegistry;
import io.mashups.audio.upload.Upload;
import io.mashups.audio.upload.UploadStatus;
import io.mashups.events.audio.MashupRenderedV1;
import io.mashups.events.studio.ProjectPublishedV1;
import io.mashups.jobs.Job;
import io.mashups.jobs.JobExecutor;
import io.mashups.jobs.JobFailure;
import io.mashups.jobs.JobStore;
import io.mashups.json.Json;
import io.mashups.messaging.mashups.ContentIdVerdict;
import io.mashups.messaging.mashups.Visibility;
import io.mashups.storage.ObjectStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a published studio project into a mashup (its id is the job's): the sources its clips name must be the
 * owner's to use (their own uploads and mashups, or a mashup they began a remix of), and the new mashup keeps the
 * project it came from, which for a remix's project is the lineage.
 */
@ApplicationScoped
public class MixdownJob implements JobExecutor {
    public static final String KIND = "mixdown";
    private static final String FORMAT = "mp3";
    private static final ObjectMapper JSON = Json.mapper();
    private static final String REMIXED = "SELECT count(*) FROM remixes WHERE remixer_id = ?1 AND mashup_id = ?2";

    private final ObjectStore store;
    private final StemRegistry stems;
    private final MashupService mashups;
    private final JobStore jobs;

    public MixdownJob(ObjectStore store, StemRegistry stems, MashupService mashups, JobStore jobs) {
        this.store = store;
        this.stems = stems;
        this.mashups = mashups;
        this.jobs = jobs;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Adds the render to the caller's transaction, once per project and sequence however often it is published. */
    public Uni<Job> enqueue(ProjectPublishedV1 published) {
        MixdownOrder order = new MixdownOrder(
                published.projectId(),
                published.sequence(),
                published.title(),
                published.bpm(),
                published.key(),
                published.document());
        String key = "mixdown:" + published.projectId() + ":" + published.sequence();
        return jobs.submitOnce(
                published.ownerId(),
                key,
                () -> jobs.enqueue(KIND, published.ownerId(), published.projectId(), order, key));
    }

    /** Where a clip's audio is, or why the owner may not use it. */
    private record Source(String key, String uploadId, String refusal) {}

    @Override
    public Completion execute(Job job, Context context) throws Exception {
        MixdownOrder order = job.request(MixdownOrder.class);
        List<Arrangement.ClipSpec> specs = Arrangement.clips(order.document());
        if (specs.isEmpty()) {
            throw new JobFailure("the project has no clips that play");
        }
        if (specs.size() > ProjectMixdown.MAX_CLIPS) {
            throw new JobFailure("the project has " + specs.size() + " clips; at most " + ProjectMixdown.MAX_CLIPS
                    + " are rendered");
        }
        double length = specs.stream()
                .mapToDouble(c -> c.playing().start() + c.playing().duration())
                .max()
                .orElse(0);
        if (length > ProjectMixdown.MAX_SECONDS) {
            throw new JobFailure("the project is " + Math.round(length) + " s long; at most "
                    + Math.round(ProjectMixdown.MAX_SECONDS) + " s are rendered");
        }
        context.progress("fetching", 10);
        Map<String, Path> files = new HashMap<>();
        Set<String> uploads = new LinkedHashSet<>();
        List<ProjectMixdown.Clip> clips = new ArrayList<>();
        for (Arrangement.ClipSpec spec : specs) {
            Source source = await(() -> Panache.withSession(() -> source(job.ownerId, spec.source())));
            if (source.refusal() != null) {
                throw new JobFailure(source.refusal());
            }
            if (source.uploadId() != null) {
                uploads.add(source.uploadId());
            }
            Path file = files.get(source.key());
            if (file == null) {
                file = store.download(source.key(), context.workDir().resolve("source-" + files.size()))
                        .await()
                        .indefinitely();
                files.put(source.key(), file);
            }
            clips.add(new ProjectMixdown.Clip(spec.stem(), file, spec.playing()));
        }
        context.progress("mixing", 40);
        ProjectMixdown.Output output;
        try {
            output = ProjectMixdown.render(
                    clips, Files.createDirectories(context.workDir().resolve("mix")), FORMAT);
        } catch (IOException silent) {
            if (String.valueOf(silent.getMessage()).contains("silent")) {
                throw new JobFailure("the project is silent: nothing to publish");
            }
            throw silent;
        }
        context.progress("storing", 90);
        String audioKey = MashupService.audioKey(job.id, FORMAT);
        String waveformKey = MashupService.waveformKey(job.id);
        Path waveform = context.workDir().resolve("waveform.json");
        Files.write(
                waveform, JSON.writeValueAsBytes(Map.of("peaks", output.peaks(), "durationSec", output.durationSec())));
        store.upload(audioKey, output.master(), "audio/mpeg").await().indefinitely();
        store.upload(waveformKey, waveform, "application/json").await().indefinitely();
        List<StemRegistry.StoredStem> placed = new ArrayList<>();
        for (Stem stem : Stem.values()) {
            placed.add(stems.store(
                    StemRegistry.Asset.MASHUP, job.id, stem, output.stems().get(stem)));
        }
        MashupRenderedV1 rendered = new MashupRenderedV1(
                job.id,
                job.ownerId,
                job.id,
                order.title(),
                List.copyOf(uploads),
                audioKey,
                FORMAT,
                output.durationSec(),
                order.bpm(),
                order.key() == null ? "unknown" : order.key(),
                Visibility.PRIVATE.wire());
        return () -> mashups.recordRendered(rendered, waveformKey, null, order.projectId(), null)
                .call(() -> stems.record(StemRegistry.Asset.MASHUP, job.id, job.ownerId, "mixdown", placed))
                .replaceWith(job.id);
    }

    /** The object a clip's source names, if the owner may use it: see the class comment. */
    private static Uni<Source> source(String ownerId, JsonNode source) {
        if (source.hasNonNull("mashupId")) {
            String mashupId = source.get("mashupId").asText();
            String stem = source.path("stem").asText("");
            return Mashup.<Mashup>findById(mashupId).chain(mashup -> {
                if (mashup == null) {
                    return refused("the mashup " + mashupId + " a clip uses no longer exists");
                }
                return Verdict.<Verdict>findById(mashupId).chain(verdict -> {
                    if (verdict != null && verdict.verdict == ContentIdVerdict.BLOCKED) {
                        return refused("the mashup " + mashupId + " a clip uses is blocked by Content ID");
                    }
                    Uni<Boolean> allowed = mashup.ownerId.equals(ownerId)
                            ? Uni.createFrom().item(true)
                            : Panache.getSession()
                                    .chain(session -> session.createNativeQuery(REMIXED, Long.class)
                                            .setParameter(1, ownerId)
                                            .setParameter(2, mashupId)
                                            .getSingleResult())
                                    .map(count -> count > 0);
                    return allowed.chain(may -> may
                            ? stemKey(mashupId, stem)
                            : refused("a clip uses the mashup " + mashupId + ", which is neither yours nor one you"
                                    + " began a remix of"));
                });
            });
        }
        if (source.hasNonNull("uploadId")) {
            String uploadId = source.get("uploadId").asText();
            return Upload.<Upload>findById(uploadId)
                    .map(upload ->
                            upload != null && upload.ownerId.equals(ownerId) && upload.status == UploadStatus.STORED
                                    ? new Source(upload.objectKey, upload.id, null)
                                    : new Source(
                                            null,
                                            null,
                                            "the upload " + uploadId
                                                    + " a clip uses is not one of your stored uploads"));
        }
        return refused("a clip's source names neither a mashup's stem nor an upload");
    }

    private static Uni<Source> stemKey(String mashupId, String stem) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "SELECT object_key FROM mashup_stems WHERE mashup_id = ?1 AND stem = ?2", String.class)
                        .setParameter(1, mashupId)
                        .setParameter(2, stem)
                        .getResultList())
                .map(keys -> keys.isEmpty()
                        ? new Source(null, null, "the mashup " + mashupId + " has no " + stem + " stem")
                        : new Source(keys.get(0), null, null));
    }

    private static Uni<Source> refused(String reason) {
        return Uni.createFrom().item(new Source(null, null, reason));
    }
}
