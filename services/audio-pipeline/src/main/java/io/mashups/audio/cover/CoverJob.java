package io.mashups.audio.cover;

import static io.mashups.messaging.Blocking.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mashups.audio.mashup.Mashup;
import io.mashups.jobs.Job;
import io.mashups.jobs.JobExecutor;
import io.mashups.jobs.JobFailure;
import io.mashups.json.Json;
import io.mashups.storage.ObjectStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Draws one cover of a mashup ({@link CoverOrder}) from its stored waveform, sections and title, stores the image and
 * records it in place of the older version (whose object is then deleted).
 */
@ApplicationScoped
public class CoverJob implements JobExecutor {
    public static final String KIND = "cover";
    private static final ObjectMapper JSON = Json.mapper();
    private static final String PREVIOUS =
            "SELECT object_key FROM covers WHERE mashup_id = ?1 AND template = ?2 AND size = ?3 AND format = ?4";
    private static final String RECORD = """
            INSERT INTO covers (mashup_id, template, size, format, version, object_key, created_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (mashup_id, template, size, format) DO UPDATE
            SET version = excluded.version, object_key = excluded.object_key, created_at = excluded.created_at""";

    private final ObjectStore store;

    public CoverJob(ObjectStore store) {
        this.store = store;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Completion execute(Job job, Context context) throws Exception {
        CoverOrder order = job.request(CoverOrder.class);
        Mashup mashup = await(() -> Panache.withSession(() -> Mashup.<Mashup>findById(job.subjectId)));
        if (mashup == null) {
            throw new JobFailure("the mashup " + job.subjectId + " no longer exists");
        }
        context.progress("drawing", 20);
        Path waveform = store.download(mashup.waveformKey, context.workDir().resolve("waveform.json"))
                .await()
                .indefinitely();
        CoverArt art = CoverService.art(mashup, JSON.readTree(waveform.toFile()));
        var image = CoverRenderer.render(art, order.coverTemplate(), order.coverSize());
        context.progress("storing", 80);
        Path file = context.workDir().resolve("cover." + order.coverFormat().extension);
        try (OutputStream out = Files.newOutputStream(file)) {
            order.coverFormat().write(image, out);
        }
        String key = order.key(mashup.id);
        store.upload(key, file, order.coverFormat().contentType).await().indefinitely();
        return () -> record(mashup.id, order, key);
    }

    private Uni<String> record(String mashupId, CoverOrder order, String key) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(PREVIOUS, String.class)
                        .setParameter(1, mashupId)
                        .setParameter(2, order.template())
                        .setParameter(3, order.size())
                        .setParameter(4, order.format())
                        .getResultList()
                        .chain(previous -> session.createNativeQuery(RECORD)
                                .setParameter(1, mashupId)
                                .setParameter(2, order.template())
                                .setParameter(3, order.size())
                                .setParameter(4, order.format())
                                .setParameter(5, order.version())
                                .setParameter(6, key)
                                .setParameter(7, OffsetDateTime.now())
                                .executeUpdate()
                                .chain(() -> deleteOlder(previous, key)))
                        .replaceWith(mashupId));
    }

    private Uni<Void> deleteOlder(List<String> previous, String key) {
        return previous.isEmpty() || previous.get(0).equals(key)
                ? Uni.createFrom().voidItem()
                : store.delete(previous.get(0)).emitOn(CoverService.onThisContext());
    }
}
