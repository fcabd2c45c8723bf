package io.mashups.billing.invoice;

import io.mashups.web.PageQuery;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class InvoiceService {
    @WithSession
    public Uni<InvoicePage> list(String userId, PageQuery paging) {
        var query = Invoice.<Invoice>find(
                "userId", Sort.descending("createdAt").and("stripeInvoiceId", Sort.Direction.Descending), userId);
        return query.page(Page.of(paging.index(), paging.size))
                .list()
                .chain(items -> query.count()
                        .map(total -> new InvoicePage(
                                items.stream().map(InvoiceView::of).toList(), paging.page, paging.size, total)));
    }
}
