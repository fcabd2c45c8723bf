package io.mashups.billing.invoice;

import io.mashups.web.CurrentUser;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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
    public Uni<InvoicePage> list(@QueryParam("page") @DefaultValue("1") @Min(value = 1, message = "must be at least 1")
                                 @Max(value = 100_000, message = "must be at most 100000") int page,
                                 @QueryParam("size") @DefaultValue("20") @Min(value = 1, message = "must be at least 1")
                                 @Max(value = 100, message = "must be at most 100") int size) {
        return invoices.list(user.id(), page, size);
    }
}
