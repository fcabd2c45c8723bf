package io.mashups.audio;

import io.mashups.testing.MashupsTestEnvironment;

/** Rows a test needs to exist without running the work that makes them. */
public final class TestRows {
    private TestRows() {}

    /** A rendered mashup (and the completed job that made it) with the given tempo and key; no audio behind it. */
    public static void mashup(String schema, String id, String owner, String visibility, double bpm, String key)
            throws Exception {
        MashupsTestEnvironment.execute(
                schema,
                "INSERT INTO jobs (id, kind, owner_id, request, status, stage, created_at, updated_at) VALUES ('" + id
                        + "', 'mashup', '" + owner + "', '{}', 'completed', 'done', now(), now());"
                        + "INSERT INTO mashups (id, owner_id, job_id, title, source_upload_ids, duration_sec, bpm, "
                        + "musical_key, format, audio_key, waveform_key, visibility, created_at) VALUES ('" + id
                        + "', '" + owner + "', '" + id + "', 'Late night', '[]', 10, " + bpm + ", '" + key
                        + "', 'mp3', 'k', 'w', '" + visibility + "', now());");
    }
}
