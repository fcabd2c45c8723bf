package io.mashups.billing.invoice;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "InvoicePage", description = "One page of the caller's invoices, newest first")
public record InvoicePage(List<InvoiceView> items, int page, int size, long total) {}
