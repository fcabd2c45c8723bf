package io.mashups.community.gamification;

import io.mashups.community.profile.Caller;
import io.mashups.web.CurrentUser;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

@Path("/api/gamification")
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class GamificationResource {
    private final CurrentUser user;
    private final Gamification gamification;

    public GamificationResource(CurrentUser user, Gamification gamification) {
        this.user = user;
        this.gamification = gamification;
    }

    @GET
    @Path("/profile")
    @Operation(summary = "Your level, XP, badges, streaks (in your time zone's days) and this week's figures")
    public Uni<GamificationProfile> profile() {
        return gamification.profile(Caller.of(user));
    }
}
