package io.mashups.web;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.Map;

/** Endpoints that fail in every way a real resource can, to check each becomes the right problem. */
@Path("/probe")
public class ProbeResource {
    public record Checkout(
            @NotBlank @Pattern(regexp = "pro|studio", message = "must be pro or studio")
            String tier,

            @Min(value = 1, message = "must be at least 1") int seats) {}

    private final CurrentUser user;

    public ProbeResource(CurrentUser user) {
        this.user = user;
    }

    @POST
    @Path("/checkout")
    @Authenticated
    public Map<String, Object> checkout(@Valid Checkout checkout) {
        return Map.of("tier", checkout.tier(), "user", user.id());
    }

    @GET
    @Path("/mine/{id}")
    @Authenticated
    public Map<String, String> mine(@jakarta.ws.rs.PathParam("id") String id) {
        user.requireOwner("owner-1", "Mashup", id);
        return Map.of("id", id);
    }

    @GET
    @Path("/limit")
    @Authenticated
    public String limit() {
        throw ProblemException.limitReached("AI generations per month", 0, 0, "free", "/api/billing/checkout");
    }

    @GET
    @Path("/admin")
    @RolesAllowed(CurrentUser.ADMIN)
    public String admin() {
        return "ok";
    }

    @GET
    @Path("/boom")
    @Authenticated
    public String boom() {
        throw new IllegalStateException("database password is hunter2");
    }
}
