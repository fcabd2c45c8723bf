package io.mashups.trends.song;

import io.mashups.trends.source.ChartItem;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Finds the song a chart entry names, or records it: by ISRC where the source gives one, otherwise by title key and a
 * shared artist ({@link SongNames}); a platform mashup by its id. Runs in the caller's transaction, holding a lock on
 * the title key so replicas storing charts at once never record one song twice.
 */
public final class SongIdentity {
    private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext(?1))";
    private static final String BY_ISRC = "SELECT CAST(song_id AS text) FROM song_isrcs WHERE isrc = ?1";
    private static final String BY_MASHUP = "SELECT CAST(id AS text) FROM songs WHERE mashup_id = ?1";
    private static final String BY_TITLE =
            "SELECT CAST(id AS text), artist_keys FROM songs WHERE title_key = ?1 AND mashup_id IS NULL ORDER BY "
                    + "first_seen_at, id";
    private static final String ADD = "INSERT INTO songs (id, title, artist, title_key, artist_keys, thumbnail_url, "
            + "preview_url, first_seen_at, mashup_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
    private static final String ADD_ISRC =
            "INSERT INTO song_isrcs (isrc, song_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING";
    /**
     * Pictures and previews fill in from whichever source has them; the shortest spelling of a title is shown
     * ("Blinding Lights" rather than a video's "Blinding Lights (Official Video)"); a mashup follows its renames.
     */
    private static final String FILL = "UPDATE songs SET thumbnail_url = coalesce(thumbnail_url, ?2), "
            + "preview_url = coalesce(preview_url, ?3), title = CASE WHEN mashup_id IS NOT NULL OR "
            + "length(?4) < length(title) THEN ?4 ELSE title END, "
            + "artist = CASE WHEN mashup_id IS NULL THEN artist ELSE ?5 END WHERE id = ?1";

    private SongIdentity() {}

    public static Uni<UUID> resolve(Mutiny.Session session, ChartItem item, OffsetDateTime now) {
        List<String> artistKeys = SongNames.artistKeys(item.artist());
        String titleKey =
                item.mashupId() != null ? "mashup:" + item.mashupId() : SongNames.titleKey(item.title(), artistKeys);
        return session.createNativeQuery(LOCK)
                .setParameter(1, titleKey)
                .getResultList()
                .chain(locked -> find(session, item, titleKey, artistKeys))
                .chain(found ->
                        found != null ? fill(session, found, item) : add(session, item, titleKey, artistKeys, now))
                .call(song -> item.isrc() == null
                        ? Uni.createFrom().voidItem()
                        : session.createNativeQuery(ADD_ISRC)
                                .setParameter(1, item.isrc().strip().toUpperCase(java.util.Locale.ROOT))
                                .setParameter(2, song)
                                .executeUpdate());
    }

    private static Uni<UUID> find(Mutiny.Session session, ChartItem item, String titleKey, List<String> artistKeys) {
        if (item.mashupId() != null) {
            return first(session.createNativeQuery(BY_MASHUP, String.class).setParameter(1, item.mashupId()));
        }
        Uni<UUID> byIsrc = item.isrc() == null
                ? Uni.createFrom().nullItem()
                : first(session.createNativeQuery(BY_ISRC, String.class)
                        .setParameter(1, item.isrc().strip().toUpperCase(java.util.Locale.ROOT)));
        return byIsrc.chain(song -> song != null
                ? Uni.createFrom().item(song)
                : session.createNativeQuery(BY_TITLE, Object[].class)
                        .setParameter(1, titleKey)
                        .getResultList()
                        .map(rows -> rows.stream()
                                .filter(row -> SongNames.shareAnArtist(
                                        artistKeys, Arrays.asList(((String) row[1]).split(" "))))
                                .map(row -> UUID.fromString((String) row[0]))
                                .findFirst()
                                .orElse(null)));
    }

    private static Uni<UUID> first(Mutiny.SelectionQuery<String> query) {
        return query.getResultList().map(ids -> ids.isEmpty() ? null : UUID.fromString(ids.get(0)));
    }

    private static Uni<UUID> fill(Mutiny.Session session, UUID song, ChartItem item) {
        return session.createNativeQuery(FILL)
                .setParameter(1, song)
                .setParameter(2, item.thumbnailUrl())
                .setParameter(3, item.previewUrl())
                .setParameter(4, item.title())
                .setParameter(5, item.artist())
                .executeUpdate()
                .replaceWith(song);
    }

    private static Uni<UUID> add(
            Mutiny.Session session, ChartItem item, String titleKey, List<String> artistKeys, OffsetDateTime now) {
        UUID song = UUID.randomUUID();
        return session.createNativeQuery(ADD)
                .setParameter(1, song)
                .setParameter(2, item.title())
                .setParameter(3, item.artist())
                .setParameter(4, titleKey)
                .setParameter(5, String.join(" ", artistKeys))
                .setParameter(6, item.thumbnailUrl())
                .setParameter(7, item.previewUrl())
                .setParameter(8, now)
                .setParameter(9, item.mashupId())
                .executeUpdate()
                .replaceWith(song);
    }
}
