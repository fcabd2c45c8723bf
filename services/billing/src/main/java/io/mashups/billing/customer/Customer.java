package io.mashups.billing.customer;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** The Stripe customer of one of our users. */
@Entity
@Table(name = "customers")
public class Customer extends PanacheEntityBase {
    @Id
    @Column(name = "user_id")
    public String userId;

    @Column(name = "stripe_customer_id", nullable = false, unique = true)
    public String stripeCustomerId;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
