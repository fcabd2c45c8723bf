package io.mashups.billing.invoice;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** An invoice Stripe issued to one of our users. */
@Entity
@Table(name = "invoices")
public class Invoice extends PanacheEntityBase {
    @Id
    @Column(name = "stripe_invoice_id")
    public String stripeInvoiceId;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(name = "amount_due", nullable = false)
    public long amountDue;

    @Column(name = "amount_paid", nullable = false)
    public long amountPaid;

    @Column(nullable = false)
    public String currency;

    @Column(nullable = false)
    public String status;

    @Column(name = "hosted_invoice_url")
    public String hostedInvoiceUrl;

    @Column(name = "invoice_pdf")
    public String invoicePdf;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "source_event_created", nullable = false)
    public long sourceEventCreated;
}
