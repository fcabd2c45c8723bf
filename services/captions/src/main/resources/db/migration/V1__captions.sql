-- Mashups as audio-pipeline announces them (audio.mashup-rendered): who owns each, where its audio is, who may see it.
CREATE TABLE mashups (
    id           TEXT PRIMARY KEY,
    owner_id     TEXT             NOT NULL,
    audio_key    TEXT             NOT NULL,
    visibility   TEXT             NOT NULL,
    duration_sec DOUBLE PRECISION NOT NULL,
    rendered_at  TIMESTAMPTZ      NOT NULL
);

-- The mashup's vocal stem, when audio.stems-ready names one: lyrics transcribe far better without the instrumental.
CREATE TABLE vocal_stems (
    mashup_id  TEXT PRIMARY KEY,
    object_key TEXT NOT NULL
);

-- One caption track per mashup; workers claim queued ones with a lease, failures are retried up to max attempts.
CREATE TABLE caption_tracks (
    mashup_id      TEXT PRIMARY KEY,
    owner_id       TEXT        NOT NULL,
    job_id         TEXT        NOT NULL,
    status         TEXT        NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'failed')),
    language       TEXT,
    requested_language TEXT,
    lyrics         TEXT,
    engine         TEXT,
    low_confidence BOOLEAN     NOT NULL DEFAULT FALSE,
    cues           TEXT,
    crowded        TEXT,
    srt            TEXT,
    vtt            TEXT,
    txt            TEXT,
    edited         BOOLEAN     NOT NULL DEFAULT FALSE,
    attempts       INTEGER     NOT NULL DEFAULT 0,
    lease_until    TIMESTAMPTZ,
    error          TEXT,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX caption_tracks_claimable ON caption_tracks (status, updated_at) WHERE status IN ('queued', 'running');
