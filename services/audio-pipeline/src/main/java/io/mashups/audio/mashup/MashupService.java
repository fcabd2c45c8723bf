package io.mashups.audio.mashup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mashups.audio.render.MixChoices;
import io.mashups.audio.stems.Stem;
import io.mashups.audio.stems.StemRegistry;
import io.mashups.events.EventCatalog;
import io.mashups.events.audio.MashupChangedV1;
import io.mashups.events.audio.MashupRenderedV1;
import io.mashups.json.Json;
import io.mashups.messaging.mashups.ContentIdVerdict;
import io.mashups.messaging.mashups.Visibility;
import io.mashups.messaging.outbox.Outbox;
import io.mashups.storage.ObjectStore;
import io.mashups.web.PageQuery;
import io.mashups.web.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Mashup records: who may see them, editing, deleting (the stored audio goes with them). */
@ApplicationScoped
public class MashupService {
    private static final ObjectMapper JSON = Json.mapper();
    private static final String INSERT_RENDERED = """
            INSERT INTO mashups (id, owner_id, job_id, title, source_upload_ids, duration_sec, bpm, musical_key, format,
                audio_key, waveform_key, visibility, created_at, creator_name, project_id, mix)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) ON CONFLICT (id) DO NOTHING""";
    private static final String COVERS = "SELECT object_key FROM covers WHERE mashup_id = ?1";
    private final ObjectStore store;
    private final Outbox outbox;

    public MashupService(ObjectStore store, Outbox outbox) {
        this.store = store;
        this.outbox = outbox;
    }

    public Uni<MashupView> get(String userId, String id) {
        return Panache.withSession(() -> visible(userId, id)).map(this::view);
    }

    /** The caller's own mashups, or another user's public ones. */
    public Uni<List<MashupView>> list(String userId, String owner, PageQuery paging) {
        boolean own = owner == null || owner.equals("me") || owner.equals(userId);
        Sort newestFirst = Sort.descending("createdAt").and("id", Sort.Direction.Descending);
        return Panache.withSession(() -> (own
                                ? Mashup.<Mashup>find("ownerId", newestFirst, userId)
                                : Mashup.<Mashup>find(
                                        "ownerId = ?1 and visibility = ?2", newestFirst, owner, Visibility.PUBLIC))
                        .page(Page.of(paging.index(), paging.size))
                        .list())
                .map(mashups -> mashups.stream().map(this::view).toList());
    }

    public Uni<MashupView> update(String userId, String id, MashupPatch patch) {
        return Panache.withTransaction(() -> Mashup.<Mashup>findById(id, LockModeType.PESSIMISTIC_WRITE)
                        .chain(mashup -> {
                            owned(mashup, userId, id);
                            if (patch.title() != null) {
                                mashup.title = patch.title().trim();
                            }
                            Visibility wanted = patch.visibility() == null ? null : Visibility.of(patch.visibility());
                            if (wanted == null || wanted == mashup.visibility) {
                                return announce(mashup, false);
                            }
                            return Verdict.<Verdict>findById(id)
                                    .map(verdict -> {
                                        if (wanted == Visibility.PUBLIC
                                                && verdict != null
                                                && verdict.verdict == ContentIdVerdict.BLOCKED) {
                                            throw verdict.refusal("made public");
                                        }
                                        mashup.visibility = wanted;
                                        return mashup;
                                    })
                                    .chain(changed -> announce(changed, false));
                        }))
                .map(this::view);
    }

    /** Deletes the mashup with its stems and covers (rows in the transaction, then their objects). */
    public Uni<Void> delete(String userId, String id) {
        List<String> objects = new ArrayList<>();
        return Panache.withTransaction(() -> Mashup.<Mashup>findById(id, LockModeType.PESSIMISTIC_WRITE)
                        .chain(mashup -> {
                            owned(mashup, userId, id);
                            objects.addAll(List.of(mashup.audioKey, mashup.waveformKey));
                            for (Stem stem : Stem.values()) {
                                objects.add(StemRegistry.Asset.MASHUP.key(mashup.id, stem));
                            }
                            return Panache.getSession()
                                    .chain(session -> session.createNativeQuery(COVERS, String.class)
                                            .setParameter(1, id)
                                            .getResultList())
                                    .invoke(objects::addAll)
                                    .chain(() -> mashup.delete())
                                    .chain(() -> announce(mashup, true));
                        }))
                .chain(mashup -> {
                    Uni<Void> deleted = Uni.createFrom().voidItem();
                    for (String key : objects) {
                        deleted = deleted.chain(() -> store.delete(key));
                    }
                    return deleted;
                });
    }

    /**
     * Records a rendered mashup (the generator's, or a published project's: {@code projectId}, else null) and
     * announces it ({@code audio.mashup-rendered}) in the caller's transaction; a retried job that recorded it before
     * changes nothing.
     */
    public Uni<Void> recordRendered(
            MashupRenderedV1 rendered, String waveformKey, String creatorName, String projectId, MixChoices mix) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(INSERT_RENDERED)
                        .setParameter(1, rendered.mashupId())
                        .setParameter(2, rendered.ownerId())
                        .setParameter(3, rendered.jobId())
                        .setParameter(4, rendered.title())
                        .setParameter(5, write(rendered.sourceUploadIds()))
                        .setParameter(6, rendered.durationSec())
                        .setParameter(7, rendered.bpm())
                        .setParameter(8, rendered.key())
                        .setParameter(9, rendered.format())
                        .setParameter(10, rendered.audioObjectKey())
                        .setParameter(11, waveformKey)
                        .setParameter(12, rendered.visibility())
                        .setParameter(13, OffsetDateTime.now())
                        .setParameter(14, creatorName)
                        .setParameter(15, projectId)
                        .setParameter(16, mix == null ? null : write(mix))
                        .executeUpdate())
                .chain(() -> outbox.add(EventCatalog.MASHUP_RENDERED, rendered.mashupId(), rendered))
                .replaceWithVoid();
    }

    /** Tells the services that keep their own view of mashups (captions) what changed, in the same transaction. */
    private Uni<Mashup> announce(Mashup mashup, boolean deleted) {
        return outbox.add(
                        EventCatalog.MASHUP_CHANGED,
                        mashup.id,
                        new MashupChangedV1(mashup.id, mashup.ownerId, mashup.title, mashup.visibility.wire(), deleted))
                .replaceWith(mashup);
    }

    /** The mashup if the user may see it; 404 otherwise (not 403: others must not learn it exists). */
    public Uni<Mashup> visible(String userId, String id) {
        return Mashup.<Mashup>findById(id).map(mashup -> {
            if (mashup == null || !mashup.visibleTo(userId)) {
                throw ProblemException.notFound("Mashup", id);
            }
            return mashup;
        });
    }

    public MashupView view(Mashup mashup) {
        return new MashupView(
                mashup.id,
                mashup.ownerId,
                mashup.title,
                sources(mashup),
                mashup.durationSec,
                mashup.bpm,
                mashup.musicalKey,
                mashup.format,
                mashup.visibility.wire(),
                audioUrl(mashup).toString(),
                store.presignGet(mashup.waveformKey, Optional.empty()).toString(),
                mashup.createdAt,
                mashup.mix == null ? null : read(mashup.mix, MixChoices.class));
    }

    /** A presigned GET of the audio that downloads under the mashup's title. */
    public URI audioUrl(Mashup mashup) {
        String name = mashup.title.replaceAll("[^A-Za-z0-9 ._-]", "_") + "." + mashup.format;
        return store.presignGet(mashup.audioKey, Optional.of(name));
    }

    public static String audioKey(String mashupId, String format) {
        return "mashups/" + mashupId + "/mashup." + format;
    }

    public static String waveformKey(String mashupId) {
        return "mashups/" + mashupId + "/waveform.json";
    }

    private static void owned(Mashup mashup, String userId, String id) {
        if (mashup == null || !mashup.ownerId.equals(userId)) {
            throw ProblemException.notFound("Mashup", id);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> sources(Mashup mashup) {
        return List.of(read(mashup.sourceUploadIds, String[].class));
    }
}
