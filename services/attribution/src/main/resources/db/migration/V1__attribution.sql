-- Audio as audio-pipeline announces it: uploads (audio.upload-stored) and rendered mashups (audio.mashup-rendered).
CREATE TABLE uploads (
    id           TEXT PRIMARY KEY,
    owner_id     TEXT             NOT NULL,
    object_key   TEXT             NOT NULL,
    file_name    TEXT,
    duration_sec DOUBLE PRECISION NOT NULL,
    stored_at    TIMESTAMPTZ      NOT NULL
);

CREATE TABLE mashups (
    id           TEXT PRIMARY KEY,
    owner_id     TEXT             NOT NULL,
    title        TEXT,
    audio_key    TEXT             NOT NULL,
    duration_sec DOUBLE PRECISION NOT NULL,
    rendered_at  TIMESTAMPTZ      NOT NULL
);

-- The reference catalogue: each track's landmark fingerprints of its vocal stem and its instrumental (what the
-- in-memory index is rebuilt from) and its Chromaprint. track_no is the track's number in the index; a removed track keeps its row so that every replica can
-- take its postings out.
CREATE SEQUENCE reference_track_numbers;
CREATE TABLE reference_tracks (
    id            TEXT PRIMARY KEY,
    track_no      INTEGER          NOT NULL UNIQUE,
    upload_id     TEXT             NOT NULL,
    registered_by TEXT             NOT NULL,
    title         TEXT             NOT NULL,
    artist        TEXT             NOT NULL,
    duration_sec  DOUBLE PRECISION NOT NULL,
    vocal_fingerprint        BYTEA NOT NULL,
    instrumental_fingerprint BYTEA NOT NULL,
    chromaprint   TEXT,
    removed       BOOLEAN          NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMPTZ      NOT NULL,
    removed_at    TIMESTAMPTZ
);
CREATE UNIQUE INDEX reference_tracks_one_per_upload ON reference_tracks (upload_id) WHERE NOT removed;
CREATE INDEX reference_tracks_registered_by ON reference_tracks (registered_by, created_at);

-- Every addition and removal in commit order: replicas apply the ones after the last they applied.
CREATE TABLE catalogue_changes (
    seq      BIGSERIAL PRIMARY KEY,
    track_no INTEGER NOT NULL,
    added    BOOLEAN NOT NULL
);

-- A rights holder's claim on a reference track and what happens to mashups that use it.
CREATE TABLE claims (
    id           TEXT PRIMARY KEY,
    reference_id TEXT        NOT NULL REFERENCES reference_tracks (id),
    holder_id    TEXT        NOT NULL,
    policy       TEXT        NOT NULL CHECK (policy IN ('block', 'allow', 'attribute')),
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX claims_reference ON claims (reference_id);

-- One fingerprint match per upload or mashup, and the sources it found.
CREATE TABLE attributions (
    subject_id   TEXT PRIMARY KEY,
    subject_kind TEXT             NOT NULL CHECK (subject_kind IN ('upload', 'mashup')),
    owner_id     TEXT             NOT NULL,
    status       TEXT             NOT NULL CHECK (status IN ('completed', 'failed')),
    error        TEXT,
    duration_sec DOUBLE PRECISION,
    completed_at TIMESTAMPTZ      NOT NULL
);

CREATE TABLE attribution_sources (
    id                  TEXT PRIMARY KEY,
    subject_id          TEXT             NOT NULL REFERENCES attributions (subject_id) ON DELETE CASCADE,
    reference_id        TEXT             NOT NULL,
    claim_id            TEXT,
    source_title        TEXT             NOT NULL,
    source_artist       TEXT             NOT NULL,
    confidence          INTEGER          NOT NULL CHECK (confidence BETWEEN 0 AND 100),
    query_start_sec     DOUBLE PRECISION NOT NULL,
    query_end_sec       DOUBLE PRECISION NOT NULL,
    reference_start_sec DOUBLE PRECISION NOT NULL,
    reference_end_sec   DOUBLE PRECISION NOT NULL,
    tempo               DOUBLE PRECISION NOT NULL,
    shift_semitones     DOUBLE PRECISION NOT NULL,
    verified            BOOLEAN          NOT NULL DEFAULT FALSE,
    fingerprint_match   BOOLEAN          NOT NULL DEFAULT TRUE
);
CREATE INDEX attribution_sources_subject ON attribution_sources (subject_id);

-- Content ID's decision per mashup, and the owner's dispute of it.
CREATE TABLE verdicts (
    mashup_id       TEXT PRIMARY KEY,
    owner_id        TEXT        NOT NULL,
    verdict         TEXT        NOT NULL CHECK (verdict IN ('allowed', 'attribute', 'blocked')),
    reason          TEXT,
    claim_id        TEXT,
    decided_at      TIMESTAMPTZ NOT NULL,
    dispute_status  TEXT CHECK (dispute_status IN ('open', 'upheld', 'released')),
    dispute_reason  TEXT,
    disputed_at     TIMESTAMPTZ,
    resolved_by     TEXT,
    resolution_note TEXT,
    resolved_at     TIMESTAMPTZ
);
CREATE INDEX verdicts_open_disputes ON verdicts (disputed_at) WHERE dispute_status = 'open';
