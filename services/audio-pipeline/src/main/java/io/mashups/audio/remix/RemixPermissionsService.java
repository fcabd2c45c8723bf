package io.mashups.audio.remix;

import io.mashups.audio.mashup.Mashup;
import io.mashups.audio.mashup.MashupService;
import io.mashups.web.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Remix permissions: whoever may see a mashup may read them; only its owner sets them. A remix takes them as they are
 * when it begins.
 */
@ApplicationScoped
public class RemixPermissionsService {
    private static final String READ = "SELECT allow_remix, require_attribution, allow_commercial FROM "
            + "remix_permissions WHERE mashup_id = ?1";
    private static final String WRITE = """
            INSERT INTO remix_permissions (mashup_id, allow_remix, require_attribution, allow_commercial, updated_at)
            VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (mashup_id) DO UPDATE SET allow_remix = excluded.allow_remix,
            require_attribution = excluded.require_attribution, allow_commercial = excluded.allow_commercial,
            updated_at = excluded.updated_at""";

    private final MashupService mashups;

    public RemixPermissionsService(MashupService mashups) {
        this.mashups = mashups;
    }

    public Uni<RemixPermissionsView> get(String userId, String mashupId) {
        return Panache.withSession(() -> mashups.visible(userId, mashupId)
                .chain(mashup -> Panache.getSession().chain(session -> of(session, mashupId)))
                .map(permissions -> RemixPermissionsView.of(mashupId, permissions)));
    }

    /** The owner's new permissions; 404 for whoever cannot see the mashup, 403 for others who can. */
    public Uni<RemixPermissionsView> set(String userId, String mashupId, RemixPermissions permissions) {
        return Panache.withTransaction(() -> mashups.visible(userId, mashupId)
                .invoke(mashup -> ownedBy(mashup, userId))
                .chain(mashup -> Panache.getSession())
                .chain(session -> session.createNativeQuery(WRITE)
                        .setParameter(1, mashupId)
                        .setParameter(2, permissions.allowRemix())
                        .setParameter(3, permissions.requireAttribution())
                        .setParameter(4, permissions.allowCommercial())
                        .setParameter(5, OffsetDateTime.now())
                        .executeUpdate())
                .replaceWith(RemixPermissionsView.of(mashupId, permissions)));
    }

    /** The mashup's permissions in the caller's session: the owner's, or the defaults. */
    static Uni<RemixPermissions> of(Mutiny.Session session, String mashupId) {
        return session.createNativeQuery(READ, Object[].class)
                .setParameter(1, mashupId)
                .getResultList()
                .map(RemixPermissionsService::first);
    }

    private static RemixPermissions first(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return RemixPermissions.DEFAULTS;
        }
        Object[] row = rows.get(0);
        return new RemixPermissions((Boolean) row[0], (Boolean) row[1], (Boolean) row[2]);
    }

    private static void ownedBy(Mashup mashup, String userId) {
        if (!mashup.ownerId.equals(userId)) {
            throw ProblemException.forbidden("Only the mashup's owner sets its remix permissions");
        }
    }
}
