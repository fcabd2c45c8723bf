package io.mashups.jobs;

import static io.mashups.messaging.Blocking.await;

import io.mashups.events.jobs.JobProgressV1;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** A feature's endpoints as a service writes them: start, follow (SSE), cancel, all delegated to the engine. */
@Path("/test/jobs")
public class JobsTestResource {
    private final JobStore jobs;
    private final JobFollowers followers;

    public JobsTestResource(JobStore jobs, JobFollowers followers) {
        this.jobs = jobs;
        this.followers = followers;
    }

    @POST
    @Produces(MediaType.TEXT_PLAIN)
    public Uni<String> start(
            @QueryParam("owner") String owner,
            @QueryParam("kind") String kind,
            @QueryParam("request") String request,
            @QueryParam("background") boolean background,
            @HeaderParam("Idempotency-Key") String key) {
        String asked = request == null ? "" : request;
        return Panache.withTransaction(() -> jobs.submitOnce(
                        owner,
                        key,
                        () -> background
                                ? jobs.enqueueBackground(kind, owner, null, asked)
                                : jobs.enqueue(kind, owner, null, asked, key)))
                .map(job -> job.id);
    }

    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Blocking // the job is looked up before the stream's headers go out, so a stranger gets a 404, not an empty stream
    public Multi<JobProgressV1> events(
            @PathParam("id") String id, @QueryParam("owner") String owner, @QueryParam("kind") String kind) {
        return await(() -> followers.follow(owner, kind, id));
    }

    @DELETE
    @Path("/{id}")
    @Produces(MediaType.TEXT_PLAIN)
    public Uni<String> cancel(
            @PathParam("id") String id, @QueryParam("owner") String owner, @QueryParam("kind") String kind) {
        return jobs.cancel(owner, kind, id).map(job -> job.status.wire());
    }
}
