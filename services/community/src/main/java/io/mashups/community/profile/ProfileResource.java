package io.mashups.community.profile;

import io.mashups.web.CurrentUser;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

@Path("/api/community/profile")
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class ProfileResource {
    private final CurrentUser user;
    private final ProfileService profiles;

    public ProfileResource(CurrentUser user, ProfileService profiles) {
        this.user = user;
        this.profiles = profiles;
    }

    @GET
    @Operation(summary = "Your public profile: name and picture from your token, your time zone, when first seen")
    public Uni<ProfileView> get() {
        return profiles.get(Caller.of(user));
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set your time zone (an IANA name such as Europe/Paris)")
    public Uni<ProfileView> update(@Valid @NotNull(message = "a JSON body is required") ProfilePatch patch) {
        return profiles.update(Caller.of(user), patch);
    }
}
