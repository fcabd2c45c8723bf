package io.mashups.billing.webhook;

import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.model.Event;
import com.stripe.model.StripeObject;
import com.stripe.model.checkout.Session;
import io.mashups.billing.customer.Customer;
import io.mashups.billing.invoice.Invoice;
import io.mashups.billing.plan.Plan;
import io.mashups.billing.plan.Prices;
import io.mashups.billing.subscription.Entitled;
import io.mashups.billing.subscription.Subscription;
import io.mashups.events.EventCatalog;
import io.mashups.events.billing.EntitlementsV1;
import io.mashups.events.billing.Limits;
import io.mashups.events.billing.SubscriptionChangedV1;
import io.mashups.events.billing.Tier;
import io.mashups.messaging.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Applies one Stripe event to our tables, inside the caller's transaction. Stripe delivers duplicates and out of
 * order: state carries the {@code created} second of the event it came from, and an older event changes nothing.
 * Every change of a user's entitled tier or status publishes the subscription change and the full entitlements.
 */
@ApplicationScoped
public class StripeEventApplier {
    /** For two events of the same second: the later stage of a subscription's life wins. */
    private static final List<String> STATUS_ORDER = List.of(
            "incomplete", "incomplete_expired", "trialing", "active", "past_due", "unpaid", "paused", "canceled");

    private final Prices prices;
    private final Outbox outbox;

    public StripeEventApplier(Prices prices, Outbox outbox) {
        this.prices = prices;
        this.outbox = outbox;
    }

    public Uni<Void> apply(Event event) {
        return switch (event.getType()) {
            case "checkout.session.completed" -> checkoutCompleted((Session) object(event));
            case "customer.subscription.created", "customer.subscription.updated" ->
                subscription(event, (com.stripe.model.Subscription) object(event), false);
            case "customer.subscription.deleted" ->
                subscription(event, (com.stripe.model.Subscription) object(event), true);
            case "invoice.paid", "invoice.payment_failed", "invoice.finalized" ->
                invoice(event, (com.stripe.model.Invoice) object(event));
            default -> Uni.createFrom().voidItem(); // recorded, nothing to do
        };
    }

    private Uni<Void> checkoutCompleted(Session session) {
        if (session.getClientReferenceId() == null || session.getCustomer() == null) {
            return Uni.createFrom().voidItem(); // not one of ours (no user reference)
        }
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "INSERT INTO customers (user_id, stripe_customer_id, created_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
                        .setParameter(1, session.getClientReferenceId())
                        .setParameter(2, session.getCustomer())
                        .setParameter(3, OffsetDateTime.now())
                        .executeUpdate())
                .replaceWithVoid();
    }

    private Uni<Void> subscription(Event event, com.stripe.model.Subscription stripe, boolean deleted) {
        var item = stripe.getItems() == null || stripe.getItems().getData().isEmpty()
                ? null
                : stripe.getItems().getData().get(0);
        if (item == null || item.getPrice() == null) {
            return Uni.createFrom()
                    .failure(new UnappliableEventException("subscription " + stripe.getId() + " has no price"));
        }
        Plan plan = prices.planOf(item.getPrice().getId()).orElse(null);
        if (plan == null) {
            return Uni.createFrom()
                    .failure(new UnappliableEventException(
                            "price " + item.getPrice().getId() + " is not one of our plans"));
        }
        String status = deleted ? "canceled" : stripe.getStatus();
        if (!STATUS_ORDER.contains(status)) {
            return Uni.createFrom().failure(new UnappliableEventException("unknown subscription status " + status));
        }
        return userOf(stripe.getMetadata(), stripe.getCustomer())
                .call(StripeEventApplier::lockSubscriptionOf)
                .chain(userId -> Subscription.<Subscription>findById(userId, LockModeType.PESSIMISTIC_WRITE)
                        .chain(existing -> {
                            long created = event.getCreated();
                            int rank = STATUS_ORDER.indexOf(status);
                            if (existing != null
                                    && (created < existing.sourceEventCreated
                                            || (created == existing.sourceEventCreated
                                                    && rank < existing.sourceStatusRank))) {
                                return Uni.createFrom().voidItem(); // older than what we have
                            }
                            Subscription row = existing == null ? new Subscription() : existing;
                            Tier tierBefore =
                                    existing == null ? Tier.FREE : Entitled.tier(existing.tier, existing.status);
                            String statusBefore = existing == null ? null : existing.status;
                            row.userId = userId;
                            row.stripeSubscriptionId = stripe.getId();
                            row.stripeCustomerId = stripe.getCustomer();
                            row.tier = Plan.wire(plan.tier());
                            row.status = status;
                            row.interval = plan.interval().wire();
                            row.currentPeriodStart = time(item.getCurrentPeriodStart());
                            row.currentPeriodEnd = time(item.getCurrentPeriodEnd());
                            row.cancelAtPeriodEnd = Boolean.TRUE.equals(stripe.getCancelAtPeriodEnd());
                            row.sourceEventCreated = created;
                            row.sourceStatusRank = rank;
                            row.updatedAt = OffsetDateTime.now();
                            Tier tierAfter = Entitled.tier(row.tier, row.status);
                            boolean changed = tierBefore != tierAfter || !status.equals(statusBefore);
                            if (changed) {
                                row.entitlementsRevision = (existing == null ? 0 : existing.entitlementsRevision) + 1;
                            }
                            Uni<Subscription> saved = existing == null
                                    ? row.persist()
                                    : Uni.createFrom().item(row);
                            return changed
                                    ? saved.chain(s -> publish(s, tierBefore, tierAfter))
                                    : saved.replaceWithVoid();
                        }));
    }

    private Uni<Void> publish(Subscription subscription, Tier before, Tier after) {
        Instant now = Instant.now();
        Instant periodEnd = subscription.currentPeriodEnd == null ? null : subscription.currentPeriodEnd.toInstant();
        return outbox.add(
                        EventCatalog.SUBSCRIPTION_CHANGED,
                        subscription.userId,
                        new SubscriptionChangedV1(
                                subscription.userId,
                                before,
                                after,
                                subscription.status,
                                subscription.interval,
                                periodEnd,
                                subscription.cancelAtPeriodEnd,
                                now))
                .chain(() -> outbox.add(
                        EventCatalog.ENTITLEMENTS,
                        subscription.userId,
                        new EntitlementsV1(
                                subscription.userId,
                                after,
                                subscription.status,
                                Limits.of(after),
                                subscription.entitlementsRevision,
                                now)))
                .replaceWithVoid();
    }

    private Uni<Void> invoice(Event event, com.stripe.model.Invoice stripe) {
        return userOf(Map.of(), stripe.getCustomer())
                .chain(userId -> Invoice.<Invoice>findById(stripe.getId(), LockModeType.PESSIMISTIC_WRITE)
                        .chain(existing -> {
                            if (existing != null && event.getCreated() < existing.sourceEventCreated) {
                                return Uni.createFrom().voidItem();
                            }
                            Invoice row = existing == null ? new Invoice() : existing;
                            row.stripeInvoiceId = stripe.getId();
                            row.userId = userId;
                            row.amountDue = stripe.getAmountDue() == null ? 0 : stripe.getAmountDue();
                            row.amountPaid = stripe.getAmountPaid() == null ? 0 : stripe.getAmountPaid();
                            row.currency = stripe.getCurrency() == null ? "usd" : stripe.getCurrency();
                            row.status = stripe.getStatus() == null ? "open" : stripe.getStatus();
                            row.hostedInvoiceUrl = stripe.getHostedInvoiceUrl();
                            row.invoicePdf = stripe.getInvoicePdf();
                            row.createdAt =
                                    time(stripe.getCreated() == null ? event.getCreated() : stripe.getCreated());
                            row.sourceEventCreated = event.getCreated();
                            return existing == null
                                    ? row.persist().replaceWithVoid()
                                    : Uni.createFrom().voidItem();
                        }));
    }

    /**
     * Serialises the events of one user's subscription until the transaction ends, also before its row exists: a row
     * lock cannot lock a missing row, and two events of a new subscription applied at once both inserted it (one then
     * failed on the primary key and waited for its retry).
     */
    private static Uni<Void> lockSubscriptionOf(String userId) {
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtext(?1))")
                        .setParameter(1, "billing.subscription:" + userId)
                        .getSingleResult())
                .replaceWithVoid();
    }

    /** Our user: from the metadata we set at checkout, else from the customer Stripe names. */
    private static Uni<String> userOf(Map<String, String> metadata, String stripeCustomerId) {
        String fromMetadata = metadata == null ? null : metadata.get("user_id");
        if (fromMetadata != null && !fromMetadata.isBlank()) {
            return Uni.createFrom().item(fromMetadata);
        }
        return Customer.<Customer>find("stripeCustomerId", stripeCustomerId)
                .firstResult()
                .onItem()
                .ifNull()
                .failWith(() -> new UnappliableEventException("customer " + stripeCustomerId + " is not known yet"))
                .map(customer -> customer.userId);
    }

    private static StripeObject object(Event event) {
        try {
            return event.getDataObjectDeserializer().deserializeUnsafe();
        } catch (EventDataObjectDeserializationException e) {
            throw new UnappliableEventException("event " + event.getId() + " data cannot be read: " + e.getMessage());
        }
    }

    private static OffsetDateTime time(Long epochSeconds) {
        return epochSeconds == null
                ? null
                : OffsetDateTime.ofInstant(Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC);
    }

    /** The event cannot be applied now (unknown customer, price or data); it stays pending and is retried. */
    public static final class UnappliableEventException extends RuntimeException {
        public UnappliableEventException(String message) {
            super(message);
        }
    }
}
