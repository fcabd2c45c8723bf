package io.mashups.analyticsingest.erasure;

import io.mashups.web.CurrentUser;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

@Path("/api/analytics/admin/erasures")
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class ErasureResource {
    private static final String UUID_PATTERN =
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private final CurrentUser user;
    private final ErasureService erasures;

    public ErasureResource(CurrentUser user, ErasureService erasures) {
        this.user = user;
        this.erasures = erasures;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Erase a user's analytics (admins): the rollups take back what they and their devices contributed"
                    + " and forget them; their raw events leave the raw topic with its retention")
    @APIResponse(responseCode = "202", description = "Recorded; the rollups apply it within seconds")
    public Uni<Response> erase(@Valid @NotNull(message = "a JSON body is required") ErasureRequest request) {
        user.requireAdmin();
        return erasures.erase(user.id(), request)
                .map(erasure -> Response.accepted(erasure).build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "An erasure that was requested (admins)")
    public Uni<Erasure> get(
            @PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be an erasure id") String id) {
        user.requireAdmin();
        return erasures.get(UUID.fromString(id));
    }
}
