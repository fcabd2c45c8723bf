package io.mashups.audio.stems;

import io.mashups.events.EventCatalog;
import io.mashups.events.audio.StemsReadyV1;
import io.mashups.media.MediaTools;
import io.mashups.messaging.outbox.Outbox;
import io.mashups.storage.ObjectStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The stems registry: the four stems of an upload (split on request) or of a mashup (placed as in its mix), each a
 * FLAC object with its duration, and {@code audio.stems-ready} naming them all.
 */
@ApplicationScoped
public class StemRegistry {
    /** What stems belong to: each kind has its table. */
    public enum Asset {
        UPLOAD("upload_stems", "upload_id"),
        MASHUP("mashup_stems", "mashup_id");

        private final String table;
        private final String column;

        Asset(String table, String column) {
            this.table = table;
            this.column = column;
        }

        /** The object key of one stem; not under uploads/<id>, which is the upload itself (a file on some stores). */
        public String key(String assetId, Stem stem) {
            String file = stem.wire() + ".flac";
            return this == UPLOAD ? "stems/uploads/" + assetId + "/" + file : "mashups/" + assetId + "/" + file;
        }

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One stored stem. */
    public record StoredStem(Stem stem, String key, double durationSec) {}

    /** One recorded stem, as read back. */
    public record Row(Stem stem, String key, double durationSec, String engine) {}

    private final ObjectStore store;
    private final Outbox outbox;

    public StemRegistry(ObjectStore store, Outbox outbox) {
        this.store = store;
        this.outbox = outbox;
    }

    /** Stores a FLAC stem under its key. Blocking: measures the file and uploads it. */
    public StoredStem store(Asset asset, String assetId, Stem stem, Path flac)
            throws IOException, InterruptedException {
        double duration = MediaTools.probe(flac)
                .orElseThrow(() -> new IOException("the " + stem + " stem is not audio"))
                .durationSec();
        String key = asset.key(assetId, stem);
        store.upload(key, flac, "audio/flac").await().indefinitely();
        return new StoredStem(stem, key, duration);
    }

    /**
     * Records the stems in the caller's transaction and announces them; a retried job that recorded them before
     * replaces its rows.
     */
    public Uni<Void> record(Asset asset, String assetId, String ownerId, String engine, List<StoredStem> stems) {
        String upsert = "INSERT INTO " + asset.table + " (" + asset.column
                + ", stem, object_key, duration_sec, engine, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                + "ON CONFLICT (" + asset.column + ", stem) DO UPDATE SET object_key = excluded.object_key, "
                + "duration_sec = excluded.duration_sec, engine = excluded.engine, created_at = excluded.created_at";
        OffsetDateTime now = OffsetDateTime.now();
        Map<String, String> keys = new LinkedHashMap<>();
        return Panache.getSession()
                .chain(session -> {
                    Uni<Integer> written = Uni.createFrom().item(0);
                    for (StoredStem stem : stems) {
                        String name = stem.stem().wire();
                        keys.put(name, stem.key());
                        written = written.chain(() -> session.createNativeQuery(upsert)
                                .setParameter(1, assetId)
                                .setParameter(2, name)
                                .setParameter(3, stem.key())
                                .setParameter(4, stem.durationSec())
                                .setParameter(5, engine)
                                .setParameter(6, now)
                                .executeUpdate());
                    }
                    return written;
                })
                .chain(() -> outbox.add(
                        EventCatalog.STEMS_READY,
                        assetId,
                        new StemsReadyV1(assetId, asset.wire(), ownerId, engine, keys)))
                .replaceWithVoid();
    }

    /** The asset's recorded stems in the order vocals, drums, bass, other; empty when it has none. */
    public Uni<List<Row>> stems(Asset asset, String assetId) {
        String query = "SELECT stem, object_key, duration_sec, engine FROM " + asset.table + " WHERE " + asset.column
                + " = ?1 ORDER BY array_position(ARRAY['vocals', 'drums', 'bass', 'other'], stem)";
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(query, Object[].class)
                        .setParameter(1, assetId)
                        .getResultList())
                .map(rows -> {
                    List<Row> stems = new ArrayList<>();
                    for (Object[] row : rows) {
                        stems.add(new Row(
                                Stem.valueOf(((String) row[0]).toUpperCase(Locale.ROOT)),
                                (String) row[1],
                                ((Number) row[2]).doubleValue(),
                                (String) row[3]));
                    }
                    return stems;
                });
    }

    /** Each stem with a short-lived download URL named after it. */
    public List<StemsView.StemView> views(List<Row> stems) {
        return stems.stream()
                .map(stem -> {
                    String name = stem.stem().wire();
                    return new StemsView.StemView(
                            name,
                            store.presignGet(stem.key(), Optional.of(name + ".flac"))
                                    .toString(),
                            stem.durationSec());
                })
                .toList();
    }
}
