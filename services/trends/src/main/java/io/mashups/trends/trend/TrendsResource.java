package io.mashups.trends.trend;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

@Path("/api/trends")
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class TrendsResource {
    private final TrendsService trends;

    public TrendsResource(TrendsService trends) {
        this.trends = trends;
    }

    @GET
    @Operation(
            summary = "Trending sounds: one source's latest chart (?source=youtube|deezer|apple-music|lastfm|spotify|"
                    + "tiktok|mashups, ?region=), or without ?source the combined chart of every source ranked by"
                    + " trend score; with every source's status (a source that cannot be used says why)")
    public Uni<TrendsView> trends(
            @QueryParam("source") @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,31}", message = "must be a source name")
                    String source,
            @QueryParam("region") @Pattern(regexp = "[A-Za-z0-9-]{1,32}", message = "must be a region code")
                    String region,
            @QueryParam("limit")
                    @DefaultValue("20")
                    @Min(value = 1, message = "must be at least 1")
                    @Max(value = 100, message = "must be at most 100")
                    int limit) {
        return trends.trends(source, region == null ? null : region.toLowerCase(java.util.Locale.ROOT), limit);
    }
}
