package io.mashups.audio.vocals;

import io.mashups.jobs.JobExecutor;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Something that turns lyrics into a vocal: the local singer, or a provider's API. */
public interface VocalEngine {
    /** The prefix of its voice ids. */
    String id();

    /** False when it lacks its credentials; its voices are then listed as unavailable. */
    boolean available();

    /** Its voices; blocking (a provider asks its API). */
    List<VocalVoice> voices() throws Exception;

    /** Why the engine cannot sing these lyrics (a language it does not speak), if it cannot. */
    default Optional<String> cannotSing(List<String> lines) {
        return Optional.empty();
    }

    /** Renders the vocal into an audio file under {@code context.workDir()}; blocking. */
    Sung sing(VocalTask task, JobExecutor.Context context) throws Exception;

    /**
     * What was sung: the audio, and the plan it follows (null where the engine sets its own timing, as the
     * providers do).
     */
    record Sung(Path audio, VocalPlan plan) {}
}
