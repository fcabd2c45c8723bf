package io.mashups.audio.upload;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Upload")
public record UploadView(
        String id,
        String fileName,
        String contentType,

        @Schema(enumeration = {"pending", "stored", "rejected"})
        String status,

        Long sizeBytes,
        Double durationSec,
        Integer sampleRate,
        Integer channels,
        String codec,
        String rejectionReason,
        OffsetDateTime createdAt,
        OffsetDateTime completedAt) {
    static UploadView of(Upload upload) {
        return new UploadView(
                upload.id,
                upload.fileName,
                upload.contentType,
                upload.status.wire(),
                upload.sizeBytes,
                upload.durationSec,
                upload.sampleRate,
                upload.channels,
                upload.codec,
                upload.rejectionReason,
                upload.createdAt,
                upload.completedAt);
    }
}
