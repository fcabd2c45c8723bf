package io.mashups.analyticsingest.capture;

import com.fasterxml.jackson.databind.JsonNode;
import io.mashups.analyticsingest.IngestConfig;
import io.mashups.web.CurrentUser;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

@Path("/api/analytics/events")
@PermitAll
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class CaptureResource {
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    private final CaptureService capture;
    private final CurrentUser user;
    private final IngestConfig.Capture config;

    public CaptureResource(CaptureService capture, CurrentUser user, IngestConfig config) {
        this.capture = capture;
        this.user = user;
        this.config = config.capture();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Capture a batch of up to 500 events (plays, likes, shares, follows, ...), signed in or not",
            description = "Answers once the accepted events are in Kafka; repeats of an event id (per device) count as"
                    + " duplicates, malformed events are rejected one by one with their reason, and batches from"
                    + " bots or from devices faster than a person are dropped.")
    public Uni<CaptureResult> capture(
            @RequestBody(
                            description =
                                    "{\"events\": [{\"id\", \"type\", \"deviceId\", \"clientTime\", \"mashupId\"?, \"creatorId\"?,"
                                            + " \"positionSec\"?, \"trackLengthSec\"?, \"platform\"?, \"source\"?, \"referrer\"?,"
                                            + " \"sessionId\"?, \"tier\"?}]}")
                    JsonNode body,
            @HeaderParam(HttpHeaders.USER_AGENT) String userAgent,
            @jakarta.ws.rs.core.Context HttpHeaders headers) {
        return capture.capture(
                body,
                new CaptureService.Sender(user.isAuthenticated() ? user.id() : null, userAgent, country(headers)));
    }

    /** The ingress's country header, when one is configured (a client could send any value otherwise). */
    private String country(HttpHeaders headers) {
        String value = config.countryHeader()
                .map(headers::getHeaderString)
                .map(country -> country.strip().toUpperCase(Locale.ROOT))
                .orElse(null);
        // XX and T1 (Tor) are how ingresses say they do not know
        return value != null && COUNTRY.matcher(value).matches() && !value.equals("XX") ? value : null;
    }
}
