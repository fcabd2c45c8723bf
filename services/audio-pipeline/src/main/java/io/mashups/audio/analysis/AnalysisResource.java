package io.mashups.audio.analysis;

import io.mashups.audio.upload.Upload;
import io.mashups.audio.upload.UploadStatus;
import io.mashups.jobs.Job;
import io.mashups.web.CurrentUser;
import io.mashups.web.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

@Path("/api/media/uploads/{id}/analysis")
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class AnalysisResource {
    private final CurrentUser user;

    public AnalysisResource(CurrentUser user) {
        this.user = user;
    }

    @GET
    @WithSession
    @Operation(
            summary = "Music analysis of an upload",
            description = "Tempo (BPM) with beats and downbeats, key (one of 24, with Camelot code and confidence), "
                    + "EBU R128 integrated loudness and true peak, and section boundaries, all times in seconds. "
                    + "Analysis starts by itself once an upload is stored.")
    @APIResponse(responseCode = "200", description = "Completed, or failed with the reason")
    @APIResponse(responseCode = "202", description = "Still running: stage and progress")
    @APIResponse(responseCode = "409", description = "The upload is not stored (still pending, or rejected)")
    public Uni<Response> get(@PathParam("id") String uploadId) {
        return Upload.<Upload>findById(uploadId).chain(upload -> {
            if (upload == null || !upload.ownerId.equals(user.id())) {
                throw ProblemException.notFound("Upload", uploadId);
            }
            if (upload.status != UploadStatus.STORED) {
                throw ProblemException.conflict(
                        "The upload is " + upload.status.wire() + "; only stored uploads are analysed");
            }
            return Analysis.<Analysis>findById(uploadId)
                    .chain(analysis -> analysis != null
                            ? Uni.createFrom()
                                    .item(Response.ok(AnalysisView.of(analysis)).build())
                            : Job.<Job>find(
                                            "kind = ?1 and subjectId = ?2",
                                            Sort.descending("createdAt"),
                                            AnalysisJob.KIND,
                                            uploadId)
                                    .firstResult()
                                    .map(job -> {
                                        AnalysisView view = AnalysisView.of(uploadId, job);
                                        return Response.status("failed".equals(view.status()) ? 200 : 202)
                                                .entity(view)
                                                .build();
                                    }));
        });
    }
}
