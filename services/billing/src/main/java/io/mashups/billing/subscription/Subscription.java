package io.mashups.billing.subscription;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A user's subscription as Stripe last told us. Never leaves the service: resources return {@link SubscriptionView}. */
@Entity
@Table(name = "subscriptions")
public class Subscription extends PanacheEntityBase {
    @Id
    @Column(name = "user_id")
    public String userId;

    @Column(name = "stripe_subscription_id", nullable = false)
    public String stripeSubscriptionId;

    @Column(name = "stripe_customer_id", nullable = false)
    public String stripeCustomerId;

    @Column(nullable = false)
    public String tier;

    @Column(nullable = false)
    public String status;

    @Column(name = "billing_interval")
    public String interval;

    @Column(name = "current_period_start")
    public OffsetDateTime currentPeriodStart;

    @Column(name = "current_period_end")
    public OffsetDateTime currentPeriodEnd;

    @Column(name = "cancel_at_period_end", nullable = false)
    public boolean cancelAtPeriodEnd;

    @Column(name = "source_event_created", nullable = false)
    public long sourceEventCreated;

    @Column(name = "source_status_rank", nullable = false)
    public int sourceStatusRank;

    @Column(name = "entitlements_revision", nullable = false)
    public long entitlementsRevision;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
