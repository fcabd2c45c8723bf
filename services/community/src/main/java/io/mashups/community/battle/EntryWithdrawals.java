package io.mashups.community.battle;

import io.mashups.messaging.mashups.KnownMashup;
import io.mashups.messaging.mashups.MashupListener;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A deleted or blocked mashup leaves the battles it stands in that are not decided yet (decided ones keep their
 * results); its votes stop counting, and its voters may vote again.
 */
@ApplicationScoped
public class EntryWithdrawals implements MashupListener {
    @Override
    public Uni<Void> deleted(KnownMashup mashup) {
        return withdraw(mashup, "the mashup was deleted");
    }

    @Override
    public Uni<Void> blocked(KnownMashup mashup) {
        return withdraw(mashup, "Content ID blocked the mashup");
    }

    private static Uni<Void> withdraw(KnownMashup mashup, String reason) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("UPDATE battle_entries e SET withdrawn_at = now(), "
                                + "withdrawn_reason = ?2 FROM battles b WHERE e.battle_id = b.id AND e.mashup_id = ?1 "
                                + "AND e.withdrawn_at IS NULL AND b.status NOT IN ('completed', 'cancelled')")
                        .setParameter(1, mashup.id)
                        .setParameter(2, reason)
                        .executeUpdate())
                .replaceWithVoid();
    }
}
