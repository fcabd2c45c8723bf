package io.mashups.attribution.audio;

import io.mashups.attribution.chromaprint.Chromaprint;
import io.mashups.attribution.config.AttributionConfig;
import io.mashups.attribution.fingerprint.AudioLandmarks;
import io.mashups.media.MediaTools;
import io.mashups.media.Probe;
import io.mashups.media.WorkDirs;
import io.mashups.storage.ObjectStore;
import io.mashups.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Fetches stored audio and fingerprints it: landmarks of its vocal stem and its instrumental and, when asked, the
 * Chromaprint of the whole file. Blocking: call it from a worker thread.
 */
@ApplicationScoped
public class AudioFingerprinter {
    private final ObjectStore store;
    private final AttributionConfig config;

    public AudioFingerprinter(ObjectStore store, AttributionConfig config) {
        this.store = store;
        this.config = config;
    }

    /** What one stored object sounds like to the matcher. */
    public record Fingerprinted(AudioLandmarks landmarks, Optional<Chromaprint.Print> chromaprint) {}

    /**
     * Fetches {@code objectKey} and fingerprints it; audio that cannot be decoded, or is shorter or longer than
     * configured, is a 422 problem; a missing object is a 404.
     */
    public Fingerprinted fingerprint(String objectKey, boolean withChromaprint) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("attribution");
            Path audio = dir.resolve("audio");
            try {
                store.download(objectKey, audio).await().indefinitely();
            } catch (S3Exception e) {
                if (e.statusCode() != 404) {
                    throw e;
                }
                throw ProblemException.notFound("audio", objectKey);
            }
            Probe probe = MediaTools.probe(audio)
                    .orElseThrow(() -> ProblemException.unprocessable("The file is not audio that can be decoded"));
            if (probe.durationSec() < config.minDurationSec()) {
                throw ProblemException.unprocessable(String.format(
                        java.util.Locale.ROOT,
                        "The audio is %.1f s long; at least %.0f s are needed to identify it",
                        probe.durationSec(),
                        config.minDurationSec()));
            }
            if (probe.durationSec() > config.maxDurationSec()) {
                throw ProblemException.unprocessable(String.format(
                        java.util.Locale.ROOT,
                        "The audio is %.0f s long; at most %.0f s can be identified",
                        probe.durationSec(),
                        config.maxDurationSec()));
            }
            AudioLandmarks landmarks = AudioLandmarks.read(audio, dir);
            Optional<Chromaprint.Print> print = withChromaprint ? Chromaprint.of(audio) : Optional.empty();
            return new Fingerprinted(landmarks, print);
        } catch (IOException e) {
            throw ProblemException.unprocessable("The audio could not be decoded: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            if (dir != null) {
                WorkDirs.delete(dir);
            }
        }
    }
}
