package io.mashups.audio.upload;

import io.mashups.events.EventCatalog;
import io.mashups.events.audio.UploadStoredV1;
import io.mashups.media.MediaTools;
import io.mashups.media.Probe;
import io.mashups.messaging.outbox.Outbox;
import io.mashups.storage.ObjectStore;
import io.mashups.web.PageQuery;
import io.mashups.web.Problem;
import io.mashups.web.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Uploads go straight from the browser to object storage through a presigned PUT; completing one downloads it to a
 * temporary file on a worker thread and lets ffprobe and a full ffmpeg decode judge it. A file that is not audio,
 * is truncated or over a limit is deleted and the upload rejected with the reason. The bytes judged good are kept
 * under a key of their own, which no presigned URL names: the upload URL stays valid for minutes, and what it writes
 * afterwards must not replace audio that was already validated.
 */
@ApplicationScoped
public class UploadService {
    private final ObjectStore store;
    private final UploadConfig config;
    private final Outbox outbox;

    public UploadService(ObjectStore store, UploadConfig config, Outbox outbox) {
        this.store = store;
        this.config = config;
        this.outbox = outbox;
    }

    public Uni<UploadTicket> create(String ownerId, NewUpload request) {
        String contentType = request.contentType().trim().toLowerCase();
        if (!config.contentTypes().contains(contentType)) {
            return Uni.createFrom()
                    .failure(ProblemException.invalid(Map.of(
                            "contentType",
                            "must be one of " + String.join(", ", new java.util.TreeSet<>(config.contentTypes())))));
        }
        Upload upload = new Upload();
        upload.id = UUID.randomUUID().toString();
        upload.ownerId = ownerId;
        upload.fileName = request.fileName().trim();
        upload.contentType = contentType;
        upload.objectKey = "uploads/" + upload.id;
        upload.status = UploadStatus.PENDING;
        upload.createdAt = OffsetDateTime.now();
        return Panache.withTransaction(upload::persist)
                .map(saved -> new UploadTicket(
                        upload.id,
                        store.presignPut(upload.objectKey, contentType),
                        "PUT",
                        Map.of("Content-Type", contentType),
                        OffsetDateTime.now().plus(store.presignTtl())));
    }

    public Uni<UploadView> complete(String ownerId, String id) {
        return owned(ownerId, id).chain(upload -> switch (upload.status) {
            case STORED -> Uni.createFrom().item(UploadView.of(upload));
            case REJECTED -> Uni.createFrom().failure(rejected(upload.rejectionReason));
            default ->
                VertxContextSupport.executeBlocking(() -> inspect(upload)).chain(verdict -> settle(id, verdict));
        });
    }

    @WithSession
    public Uni<UploadView> get(String ownerId, String id) {
        return owned(ownerId, id).map(UploadView::of);
    }

    @WithSession
    public Uni<List<UploadView>> list(String ownerId, PageQuery paging) {
        return Upload.<Upload>find(
                        "ownerId", Sort.descending("createdAt").and("id", Sort.Direction.Descending), ownerId)
                .page(Page.of(paging.index(), paging.size))
                .list()
                .map(uploads -> uploads.stream().map(UploadView::of).toList());
    }

    private Uni<Upload> owned(String ownerId, String id) {
        return Panache.withSession(() -> Upload.<Upload>findById(id)).map(upload -> {
            if (upload == null || !upload.ownerId.equals(ownerId)) {
                throw ProblemException.notFound("Upload", id);
            }
            return upload;
        });
    }

    /** Blocking: fetches the object and judges it; good audio is copied to a key of its own. */
    private Verdict inspect(Upload upload) throws Exception {
        String objectKey = upload.objectKey;
        Optional<ObjectStore.StoredObject> stored =
                store.head(objectKey).await().indefinitely();
        if (stored.isEmpty()) {
            return Verdict.notUploaded();
        }
        long size = stored.get().sizeBytes();
        if (size == 0) {
            return reject(objectKey, "the file is empty", size);
        }
        if (size > config.maxBytes()) {
            return reject(objectKey, "the file is " + size + " bytes; the limit is " + config.maxBytes(), size);
        }
        Path file = Files.createTempFile("upload-", ".audio");
        try {
            try {
                store.download(objectKey, file).await().indefinitely();
            } catch (RuntimeException e) {
                // a concurrent complete moved or rejected it between the two calls
                if (store.head(objectKey).await().indefinitely().isEmpty()) {
                    return Verdict.notUploaded();
                }
                throw e;
            }
            Optional<Probe> probe = MediaTools.probe(file);
            if (probe.isEmpty() || !acceptedContainer(probe.get().container())) {
                return reject(
                        objectKey, "the file is not audio in a supported format (mp3, wav, flac, ogg, m4a)", size);
            }
            if (probe.get().durationSec() <= 0) {
                return reject(objectKey, "the audio has no duration", size);
            }
            if (probe.get().durationSec() > config.maxDuration().toSeconds()) {
                return reject(
                        objectKey,
                        "the audio lasts " + Math.round(probe.get().durationSec()) + " s; the limit is "
                                + config.maxDuration().toSeconds() + " s",
                        size);
            }
            Optional<String> damage = MediaTools.decodeError(file);
            if (damage.isPresent()) {
                return reject(objectKey, "the audio is truncated or corrupt: " + damage.get(), size);
            }
            String keptKey = "validated/" + upload.id + "/" + UUID.randomUUID();
            store.upload(keptKey, file, upload.contentType).await().indefinitely();
            store.delete(objectKey).await().indefinitely();
            return Verdict.accepted(probe.get(), size, keptKey);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private Verdict reject(String objectKey, String reason, long size) {
        store.delete(objectKey).await().indefinitely();
        return Verdict.rejected(reason, size);
    }

    private boolean acceptedContainer(String formatNames) {
        for (String name : formatNames.split(",")) {
            if (config.containers().contains(name.trim())) {
                return true;
            }
        }
        return false;
    }

    /** Records the verdict once: a concurrent complete that got there first wins. */
    private Uni<UploadView> settle(String id, Verdict verdict) {
        return Panache.withTransaction(() -> Upload.<Upload>findById(id, LockModeType.PESSIMISTIC_WRITE)
                        .chain(upload -> {
                            if (upload.status != UploadStatus.PENDING) {
                                return Uni.createFrom().item(upload);
                            }
                            if (verdict.nothingUploaded()) {
                                throw new ProblemException(Problem.of(
                                        409,
                                        "not-uploaded",
                                        "Nothing uploaded",
                                        "Upload the file to the uploadUrl before completing"));
                            }
                            upload.sizeBytes = verdict.sizeBytes();
                            upload.completedAt = OffsetDateTime.now();
                            if (verdict.reason() != null) {
                                upload.status = UploadStatus.REJECTED;
                                upload.rejectionReason = verdict.reason();
                                return Uni.createFrom().item(upload);
                            }
                            upload.objectKey = verdict.keptKey();
                            markStored(upload, verdict.probe());
                            return announceStored(upload);
                        }))
                .call(upload -> verdict.keptKey() == null || verdict.keptKey().equals(upload.objectKey)
                        ? Uni.createFrom().voidItem()
                        : store.delete(verdict.keptKey())) // a concurrent complete was recorded first
                .map(upload -> {
                    if (upload.status == UploadStatus.REJECTED) {
                        throw rejected(upload.rejectionReason);
                    }
                    return UploadView.of(upload);
                });
    }

    /**
     * Records audio the service made for a user (an AI vocal) as one of their stored uploads, already in object
     * storage under {@code objectKey}; announced like any upload, so it is analysed like any other. Call it in a
     * transaction.
     */
    public Uni<Upload> storeGenerated(
            String id,
            String ownerId,
            String fileName,
            String contentType,
            String objectKey,
            long sizeBytes,
            Probe probe) {
        Upload upload = new Upload();
        upload.id = id;
        upload.ownerId = ownerId;
        upload.fileName = fileName;
        upload.contentType = contentType;
        upload.objectKey = objectKey;
        upload.sizeBytes = sizeBytes;
        upload.createdAt = OffsetDateTime.now();
        upload.completedAt = upload.createdAt;
        markStored(upload, probe);
        return upload.persist().chain(() -> announceStored(upload));
    }

    private static void markStored(Upload upload, Probe probe) {
        upload.status = UploadStatus.STORED;
        upload.durationSec = probe.durationSec();
        upload.sampleRate = probe.sampleRate();
        upload.channels = probe.channels();
        upload.codec = probe.codec();
        upload.container = probe.container();
    }

    /** Announces a stored upload, in the transaction that stores it. */
    private Uni<Upload> announceStored(Upload upload) {
        return outbox.add(
                        EventCatalog.UPLOAD_STORED,
                        upload.id,
                        new UploadStoredV1(
                                upload.id,
                                upload.ownerId,
                                upload.objectKey,
                                upload.fileName,
                                upload.contentType,
                                upload.sizeBytes,
                                upload.durationSec,
                                upload.sampleRate,
                                upload.channels,
                                upload.codec))
                .replaceWith(upload);
    }

    private static ProblemException rejected(String reason) {
        return new ProblemException(
                Problem.of(422, "rejected-upload", "Upload rejected", reason + "; the file was deleted"));
    }

    /** {@code keptKey}: where accepted audio was copied. */
    private record Verdict(boolean nothingUploaded, Probe probe, String reason, long sizeBytes, String keptKey) {
        static Verdict notUploaded() {
            return new Verdict(true, null, null, 0, null);
        }

        static Verdict accepted(Probe probe, long size, String keptKey) {
            return new Verdict(false, probe, null, size, keptKey);
        }

        static Verdict rejected(String reason, long size) {
            return new Verdict(false, null, reason, size, null);
        }
    }
}
