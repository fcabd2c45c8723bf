package io.mashups.billing.invoice;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class InvoiceService {
    /** {@code page} counts from 1. */
    @WithSession
    public Uni<InvoicePage> list(String userId, int page, int size) {
        var query = Invoice.<Invoice>find("userId", Sort.descending("createdAt").and("stripeInvoiceId", Sort.Direction.Descending), userId);
        return query.page(Page.of(page - 1, size)).list()
                .chain(items -> query.count().map(total -> new InvoicePage(items.stream().map(InvoiceView::of).toList(), page, size, total)));
    }
}
