package io.mashups.billing.webhook;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A verified Stripe webhook delivery, recorded before we answer; applied once, retried until it is. */
@Entity
@Table(name = "webhook_events")
public class WebhookEvent extends PanacheEntityBase {
    @Id
    @Column(name = "event_id")
    public String eventId;

    @Column(nullable = false)
    public String type;

    @Column(nullable = false)
    public long created;

    @Column(nullable = false)
    public String payload;

    @Column(name = "received_at", nullable = false)
    public OffsetDateTime receivedAt;

    @Column(name = "processed_at")
    public OffsetDateTime processedAt;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "last_error")
    public String lastError;
    /** When a failed event is due again (the retry interval doubled per attempt, capped). */
    @Column(name = "next_attempt_at")
    public OffsetDateTime nextAttemptAt;
}
