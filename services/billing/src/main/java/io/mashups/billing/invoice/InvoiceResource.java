package io.mashups.billing.invoice;

import io.mashups.web.CurrentUser;
import io.mashups.web.PageQuery;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

@Path("/api/billing/invoices")
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class InvoiceResource {
    private final CurrentUser user;
    private final InvoiceService invoices;

    public InvoiceResource(CurrentUser user, InvoiceService invoices) {
        this.user = user;
        this.invoices = invoices;
    }

    @GET
    @Operation(summary = "The caller's invoices, newest first")
    public Uni<InvoicePage> list(@Valid @BeanParam PageQuery paging) {
        return invoices.list(user.id(), paging);
    }
}
