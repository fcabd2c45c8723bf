package io.mashups.messaging.entitlements;

import io.mashups.events.EventJson;
import io.mashups.events.billing.EntitlementsV1;
import io.mashups.events.billing.Limits;
import io.mashups.events.billing.Tier;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;

/**
 * This service's projection of {@code billing.entitlements}: the newest revision per user wins, whatever order the
 * events arrive in. A user billing never mentioned is on the free tier.
 */
@ApplicationScoped
public class Entitlements {
    private static final String UPSERT = """
            INSERT INTO entitlements (user_id, tier, status, limits, revision, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            ON CONFLICT (user_id) DO UPDATE SET tier = excluded.tier, status = excluded.status, limits = excluded.limits,
                revision = excluded.revision, updated_at = excluded.updated_at
            WHERE entitlements.revision < excluded.revision""";
    private static final String SELECT = "SELECT tier, status, limits FROM entitlements WHERE user_id = ?1";

    /** Applies one entitlements event; older revisions than the stored one change nothing. */
    public Uni<Void> apply(EntitlementsV1 event) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(UPSERT)
                        .setParameter(1, event.userId())
                        .setParameter(2, event.tier().name())
                        .setParameter(3, event.status())
                        .setParameter(4, EventJson.writeString(event.limits()))
                        .setParameter(5, event.revision())
                        .setParameter(6, event.updatedAt().atOffset(ZoneOffset.UTC))
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** The user's entitlements; needs an open session (call from a {@code @WithSession} or transactional method). */
    public Uni<UserEntitlements> of(String userId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(SELECT, Object[].class)
                        .setParameter(1, userId)
                        .getResultList())
                .map(rows -> toEntitlements(userId, rows));
    }

    private static UserEntitlements toEntitlements(String userId, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return UserEntitlements.free(userId);
        }
        Object[] row = rows.get(0);
        Limits limits = EventJson.read(((String) row[2]).getBytes(StandardCharsets.UTF_8), Limits.class);
        return new UserEntitlements(userId, Tier.valueOf((String) row[0]), (String) row[1], limits);
    }
}
