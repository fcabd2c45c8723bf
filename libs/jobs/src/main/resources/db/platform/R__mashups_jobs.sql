-- The job engine's table in the service's schema (libs/jobs). A repeatable migration with idempotent DDL, so the
-- library can evolve it beside the service's own versioned migrations. A service may constrain its kinds itself.
CREATE TABLE IF NOT EXISTS jobs (
    id              TEXT PRIMARY KEY,
    kind            TEXT        NOT NULL,
    owner_id        TEXT        NOT NULL,
    subject_id      TEXT,
    request         TEXT        NOT NULL,
    status          TEXT        NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'failed', 'cancelled')),
    stage           TEXT        NOT NULL,
    progress        INTEGER     NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    attempts        INTEGER     NOT NULL DEFAULT 0,
    lease_owner     TEXT,
    lease_until     TIMESTAMPTZ,
    error           TEXT,
    result_id       TEXT,
    -- a client's Idempotency-Key: the same key from the same user gets the same job
    idempotency_key TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
-- grows with every change, so followers keep the newest state whatever order its copies arrive in
ALTER TABLE jobs ADD COLUMN IF NOT EXISTS revision BIGINT NOT NULL DEFAULT 0;
-- the W3C traceparent of the request that queued the job: whichever worker runs it continues that trace
ALTER TABLE jobs ADD COLUMN IF NOT EXISTS trace_parent TEXT;
-- automatic work nobody is waiting for (captioning every new mashup, fingerprinting every upload): workers take a
-- queued job someone asked for first
ALTER TABLE jobs ADD COLUMN IF NOT EXISTS background BOOLEAN NOT NULL DEFAULT false;
CREATE INDEX IF NOT EXISTS jobs_queue ON jobs (background, created_at) WHERE status = 'queued';
CREATE INDEX IF NOT EXISTS jobs_claimable ON jobs (status, lease_until) WHERE status IN ('queued', 'running');
CREATE UNIQUE INDEX IF NOT EXISTS jobs_idempotency ON jobs (owner_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX IF NOT EXISTS jobs_by_owner ON jobs (owner_id, kind, created_at DESC);
