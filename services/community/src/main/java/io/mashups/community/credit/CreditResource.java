package io.mashups.community.credit;

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

@Path("/api/community/credits")
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class CreditResource {
    private final CurrentUser user;
    private final CreditLedger ledger;

    public CreditResource(CurrentUser user, CreditLedger ledger) {
        this.user = user;
        this.ledger = ledger;
    }

    @GET
    @Operation(summary = "Your credits: the balance and the ledger's entries (prizes), newest first")
    public Uni<Credits> statement(@Valid @BeanParam PageQuery paging) {
        return ledger.statement(user.id(), paging);
    }
}
