package io.mashups.billing.webhook;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import io.mashups.billing.config.BillingConfig;
import io.mashups.web.Problem;
import io.mashups.web.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.OffsetDateTime;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Receives Stripe webhooks: verifies the signature against the raw body, records the event durably (once, whatever
 * the number of deliveries), then applies it. An event that fails to apply stays recorded and is retried by
 * {@link WebhookRetrier}; Stripe gets its 2xx as soon as the event is recorded.
 */
@ApplicationScoped
public class WebhookService {
    private static final Logger LOG = Logger.getLogger(WebhookService.class);
    /** The longest wait between two attempts, in retry intervals (with 5 s: 160 s; ten attempts span about 16 min). */
    private static final int MAX_BACKOFF_FACTOR = 32;

    private static final String RECORD = "INSERT INTO webhook_events (event_id, type, created, payload, received_at) "
            + "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (event_id) DO NOTHING";

    private final BillingConfig config;
    private final StripeEventApplier applier;

    public WebhookService(BillingConfig config, StripeEventApplier applier) {
        this.config = config;
        this.applier = applier;
    }

    public Uni<Void> receive(String payload, String signature) {
        Event event = verify(payload, signature);
        return Panache.withTransaction(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(RECORD)
                                .setParameter(1, event.getId())
                                .setParameter(2, event.getType())
                                .setParameter(3, event.getCreated())
                                .setParameter(4, payload)
                                .setParameter(5, OffsetDateTime.now())
                                .executeUpdate()))
                // recorded: from here on a failure only delays the effect (WebhookRetrier tries again)
                .chain(() -> process(event.getId()).onFailure().recoverWithNull());
    }

    /** Applies a recorded event unless it already was; the row lock makes concurrent deliveries apply it once. */
    public Uni<Void> process(String eventId) {
        return Panache.withTransaction(() -> WebhookEvent.<WebhookEvent>findById(
                                eventId, LockModeType.PESSIMISTIC_WRITE)
                        .chain(recorded -> {
                            if (recorded == null || recorded.processedAt != null) {
                                return Uni.createFrom().voidItem();
                            }
                            return applier.apply(Webhook.constructEventWithoutVerification(recorded.payload))
                                    .invoke(() -> {
                                        recorded.processedAt = OffsetDateTime.now();
                                        recorded.attempts++;
                                        recorded.lastError = null;
                                    });
                        }))
                .onFailure()
                .call(e -> recordFailure(eventId, e));
    }

    /** Events recorded but not applied yet, oldest first, that still have attempts left and are due. */
    public Uni<List<String>> pending(int limit) {
        return Panache.withSession(() -> WebhookEvent.<WebhookEvent>find(
                                "processedAt is null and attempts < ?1 "
                                        + "and (nextAttemptAt is null or nextAttemptAt <= ?2) order by created, receivedAt",
                                config.webhookMaxAttempts(),
                                OffsetDateTime.now())
                        .page(0, limit)
                        .list())
                .map(events -> events.stream().map(e -> e.eventId).toList());
    }

    private Uni<Void> recordFailure(String eventId, Throwable failure) {
        LOG.warnf("Stripe event %s not applied: %s", eventId, failure.getMessage());
        String reason = String.valueOf(failure.getMessage());
        return Panache.withTransaction(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(
                                        "UPDATE webhook_events SET attempts = attempts + 1, last_error = ?2, "
                                                + "next_attempt_at = now() + LEAST(power(2, attempts), ?3) * ?4 * interval '1 millisecond' WHERE event_id = ?1")
                                .setParameter(1, eventId)
                                .setParameter(2, reason.length() > 1000 ? reason.substring(0, 1000) : reason)
                                .setParameter(3, MAX_BACKOFF_FACTOR)
                                .setParameter(4, config.webhookRetryEvery().toMillis())
                                .executeUpdate()))
                .onFailure()
                .invoke(e -> LOG.errorf(e, "Stripe event %s: recording the failed attempt failed", eventId))
                .replaceWithVoid();
    }

    private Event verify(String payload, String signature) {
        String secret = config.stripe()
                .webhookSecret()
                .filter(s -> !s.isBlank())
                .orElseThrow(() -> new ProblemException(Problem.of(
                        503, "billing-not-configured", "Billing not configured", "No webhook secret is configured")));
        if (signature == null || signature.isBlank()) {
            throw invalidSignature("the Stripe-Signature header is missing");
        }
        Event event;
        try {
            event = Webhook.constructEvent(
                    payload,
                    signature,
                    secret,
                    config.stripe().webhookTolerance().toSeconds());
        } catch (SignatureVerificationException e) {
            throw invalidSignature(e.getMessage());
        } catch (RuntimeException e) { // gson parse failures: the signed body is not an event
            throw new ProblemException(
                    Problem.of(400, "malformed-body", "Malformed webhook", "The body is not a Stripe event"));
        }
        // signed does not mean well-formed: every event is recorded by its id and dispatched on its type
        if (!wellFormedName(event.getId()) || !wellFormedName(event.getType())) {
            throw new ProblemException(Problem.of(
                    400,
                    "malformed-body",
                    "Malformed webhook",
                    "A Stripe event has an id and a type, each 1-255 characters without control characters"));
        }
        return event;
    }

    private static boolean wellFormedName(String value) {
        return value != null
                && !value.isBlank()
                && value.length() <= 255
                && value.chars().noneMatch(Character::isISOControl);
    }

    private static ProblemException invalidSignature(String detail) {
        return new ProblemException(Problem.of(400, "invalid-signature", "Invalid signature", detail));
    }
}
