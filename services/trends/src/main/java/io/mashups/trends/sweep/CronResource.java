package io.mashups.trends.sweep;

import io.mashups.trends.TrendsConfig;
import io.mashups.web.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The seed plan's cron hook: a scheduler outside the cluster (Vercel cron, a Kubernetes CronJob) sweeps now with
 * {@code Authorization: Bearer <CRON_SECRET>}. The secret is compared in constant time (digests of both, so neither
 * its content nor its length leaks through timing); no secret configured, nothing is accepted.
 */
@Path("/api/cron/fetch-trends")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class CronResource {
    private static final String BEARER = "Bearer ";

    private final TrendsConfig config;
    private final SweepService sweeps;

    public CronResource(TrendsConfig config, SweepService sweeps) {
        this.config = config;
        this.sweeps = sweeps;
    }

    @GET
    @Operation(summary = "Sweep every trend source now (Authorization: Bearer <CRON_SECRET>); answers what each gave")
    @APIResponse(responseCode = "200", description = "the sweep's report")
    @APIResponse(responseCode = "401", description = "no secret, or the wrong one")
    public Uni<Response> fetchTrends(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (!authorized(authorization)) {
            Problem problem = Problem.of(401, "unauthorized", "Unauthorized", "The cron secret is required")
                    .at("/api/cron/fetch-trends");
            return Uni.createFrom()
                    .item(Response.status(401)
                            .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                            .type(Problem.MEDIA_TYPE)
                            .entity(problem)
                            .build());
        }
        return sweeps.sweepNow().map(report -> Response.ok(report).build());
    }

    private boolean authorized(String authorization) {
        if (config.cronSecret().isEmpty() || authorization == null || !authorization.startsWith(BEARER)) {
            return false;
        }
        return MessageDigest.isEqual(
                sha256(authorization.substring(BEARER.length())),
                sha256(config.cronSecret().get()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
