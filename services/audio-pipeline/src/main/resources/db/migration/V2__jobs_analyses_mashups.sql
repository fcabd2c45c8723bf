-- Long audio work: music analysis of uploads and AI mashup generation. Workers claim a job with a lease; a job
-- whose worker died is claimed again once the lease has run out, until max_attempts.
CREATE TABLE jobs (
    id           TEXT PRIMARY KEY,
    kind         TEXT        NOT NULL CHECK (kind IN ('analysis', 'mashup')),
    owner_id     TEXT        NOT NULL,
    subject_id   TEXT,
    request      TEXT        NOT NULL,
    status       TEXT        NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'failed', 'cancelled')),
    stage        TEXT        NOT NULL,
    progress     INTEGER     NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    attempts     INTEGER     NOT NULL DEFAULT 0,
    lease_owner  TEXT,
    lease_until  TIMESTAMPTZ,
    error        TEXT,
    result_id    TEXT,
    -- a client's Idempotency-Key: the same key from the same user gets the same job
    idempotency_key TEXT,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX jobs_claimable ON jobs (status, lease_until) WHERE status IN ('queued', 'running');
CREATE UNIQUE INDEX jobs_idempotency ON jobs (owner_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX jobs_by_owner ON jobs (owner_id, kind, created_at DESC);

CREATE TABLE analyses (
    upload_id        TEXT PRIMARY KEY REFERENCES uploads (id) ON DELETE CASCADE,
    owner_id         TEXT             NOT NULL,
    bpm              DOUBLE PRECISION NOT NULL,
    tempo_confidence DOUBLE PRECISION NOT NULL,
    beats            TEXT             NOT NULL,
    downbeats        TEXT             NOT NULL,
    musical_key      TEXT             NOT NULL,
    camelot          TEXT             NOT NULL,
    key_confidence   DOUBLE PRECISION NOT NULL,
    integrated_lufs  DOUBLE PRECISION NOT NULL,
    true_peak_dbtp   DOUBLE PRECISION NOT NULL,
    sections         TEXT             NOT NULL,
    duration_sec     DOUBLE PRECISION NOT NULL,
    analysed_at      TIMESTAMPTZ      NOT NULL
);

CREATE TABLE mashups (
    id                TEXT PRIMARY KEY,
    owner_id          TEXT             NOT NULL,
    job_id            TEXT             NOT NULL UNIQUE REFERENCES jobs (id),
    title             TEXT             NOT NULL,
    source_upload_ids TEXT             NOT NULL,
    duration_sec      DOUBLE PRECISION NOT NULL,
    bpm               DOUBLE PRECISION NOT NULL,
    musical_key       TEXT             NOT NULL,
    format            TEXT             NOT NULL,
    audio_key         TEXT             NOT NULL,
    waveform_key      TEXT             NOT NULL,
    visibility        TEXT             NOT NULL CHECK (visibility IN ('private', 'unlisted', 'public')),
    created_at        TIMESTAMPTZ      NOT NULL
);
CREATE INDEX mashups_by_owner ON mashups (owner_id, created_at DESC, id);

-- Content ID's latest word on each mashup (from attribution.verdict); newest decision wins.
CREATE TABLE mashup_verdicts (
    mashup_id  TEXT PRIMARY KEY,
    verdict    TEXT        NOT NULL,
    reason     TEXT,
    claim_id   TEXT,
    decided_at TIMESTAMPTZ NOT NULL
);
