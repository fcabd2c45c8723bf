package io.mashups.analyticsingest.dashboard;

import io.mashups.web.CurrentUser;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

@Path("/api/analytics")
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class DashboardResource {
    private final CurrentUser user;
    private final DashboardService dashboards;

    public DashboardResource(CurrentUser user, DashboardService dashboards) {
        this.user = user;
        this.dashboards = dashboards;
    }

    @GET
    @Path("/dashboard")
    @Operation(
            summary = "Your plays, likes, followers, top mashups, plays per day, sources and listeners' countries"
                    + " over the last ?days= (30), as far back as your tier keeps (free 7, pro 90, studio all)")
    public Uni<Dashboard> dashboard(
            @QueryParam("days")
                    @DefaultValue("30")
                    @Min(value = 1, message = "must be at least 1")
                    @Max(value = 3660, message = "must be at most 3660")
                    int days) {
        return dashboards.dashboard(user.id(), days);
    }

    @GET
    @Path("/mashup/{id}")
    @Operation(
            summary = "One of your mashups: plays, time listened, average session, drop-off curve and peak listeners"
                    + " over the last ?days= (30), as far back as your tier keeps")
    public Uni<MashupStats> mashup(
            @PathParam("id") @Pattern(regexp = "[A-Za-z0-9_-]{1,64}", message = "must be a mashup id") String id,
            @QueryParam("days")
                    @DefaultValue("30")
                    @Min(value = 1, message = "must be at least 1")
                    @Max(value = 3660, message = "must be at most 3660")
                    int days) {
        return dashboards.mashup(user.id(), id, days);
    }
}
