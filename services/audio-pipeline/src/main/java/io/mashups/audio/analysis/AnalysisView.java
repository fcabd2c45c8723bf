package io.mashups.audio.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mashups.jobs.Job;
import io.mashups.jobs.JobStatus;
import java.time.OffsetDateTime;

/**
 * An upload's analysis: {@code status} is completed (with the results), pending (with the job's stage and progress)
 * or failed (with the reason).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnalysisView(
        String uploadId,
        String status,
        String stage,
        Integer progress,
        String error,
        Double bpm,
        Double tempoConfidence,
        double[] beats,
        double[] downbeats,
        String key,
        String camelot,
        Double keyConfidence,
        Double integratedLufs,
        Double truePeakDbtp,
        double[] sections,
        Double durationSec,
        OffsetDateTime analysedAt) {
    static AnalysisView of(Analysis row) {
        return new AnalysisView(
                row.uploadId,
                "completed",
                null,
                null,
                null,
                row.bpm,
                row.tempoConfidence,
                AnalysisCodec.times(row.beats),
                AnalysisCodec.times(row.downbeats),
                row.musicalKey,
                row.camelot,
                row.keyConfidence,
                row.integratedLufs,
                row.truePeakDbtp,
                AnalysisCodec.times(row.sections),
                row.durationSec,
                row.analysedAt);
    }

    /** Not analysed yet: the analysis job's stage and progress, or its failure; queued when no job exists yet. */
    static AnalysisView of(String uploadId, Job job) {
        if (job == null) {
            return status(uploadId, "pending", JobStatus.QUEUED.wire(), 0, null);
        }
        boolean failed = job.status == JobStatus.FAILED || job.status == JobStatus.CANCELLED;
        return status(uploadId, failed ? "failed" : "pending", job.stage, job.progress, job.error);
    }

    private static AnalysisView status(String uploadId, String status, String stage, int progress, String error) {
        return new AnalysisView(
                uploadId, status, stage, progress, error, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }
}
