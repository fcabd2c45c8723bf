package io.mashups.billing.invoice;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Invoice")
public record InvoiceView(
        @Schema(examples = "in_1Q2w3E") String id,

        @Schema(description = "in the currency's smallest unit", examples = "999")
        long amountDue,

        @Schema(examples = "999") long amountPaid,
        @Schema(examples = "usd") String currency,

        @Schema(
                examples = "paid",
                enumeration = {"draft", "open", "paid", "uncollectible", "void"})
        String status,

        @Schema(nullable = true) String hostedInvoiceUrl,
        @Schema(nullable = true) String pdfUrl,
        OffsetDateTime createdAt) {
    static InvoiceView of(Invoice invoice) {
        return new InvoiceView(
                invoice.stripeInvoiceId,
                invoice.amountDue,
                invoice.amountPaid,
                invoice.currency,
                invoice.status,
                invoice.hostedInvoiceUrl,
                invoice.invoicePdf,
                invoice.createdAt);
    }
}
