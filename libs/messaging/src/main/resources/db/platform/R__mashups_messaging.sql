-- Tables the messaging library keeps in every service's schema. A repeatable migration with idempotent DDL, so the
-- library can evolve it without clashing with the service's own versioned migrations.

-- Events written in the same transaction as the state change; the relay publishes and then deletes them.
CREATE TABLE IF NOT EXISTS outbox (
    id            BIGSERIAL PRIMARY KEY,
    event_id      TEXT        NOT NULL UNIQUE,
    topic         TEXT        NOT NULL,
    event_key     TEXT        NOT NULL,
    event_type    TEXT        NOT NULL,
    source        TEXT        NOT NULL,
    event_time    TIMESTAMPTZ NOT NULL,
    payload       BYTEA       NOT NULL,
    attempts      INTEGER     NOT NULL DEFAULT 0,
    last_error    TEXT,
    claimed_by    TEXT,
    claimed_until TIMESTAMPTZ,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- the W3C traceparent of the transaction that wrote the event, sent as the record's traceparent header
ALTER TABLE outbox ADD COLUMN IF NOT EXISTS trace_parent TEXT;
CREATE INDEX IF NOT EXISTS outbox_claimable ON outbox (claimed_until NULLS FIRST, id);

-- Event ids a consumer has applied, written in the same transaction as the effect.
CREATE TABLE IF NOT EXISTS inbox (
    consumer     TEXT        NOT NULL,
    event_id     TEXT        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

-- This service's projection of billing.entitlements (only filled where the service enforces limits).
CREATE TABLE IF NOT EXISTS entitlements (
    user_id    TEXT PRIMARY KEY,
    tier       TEXT        NOT NULL,
    status     TEXT        NOT NULL,
    limits     TEXT        NOT NULL,
    revision   BIGINT      NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

-- The projection of audio-pipeline's mashups (MashupProjection; only filled where a service switches it on). A
-- service that kept its own copy renames it to known_mashups in a versioned migration; these statements converge it.
CREATE TABLE IF NOT EXISTS known_mashups (
    id           TEXT PRIMARY KEY,
    owner_id     TEXT             NOT NULL,
    audio_key    TEXT,
    duration_sec DOUBLE PRECISION NOT NULL DEFAULT 0,
    rendered_at  TIMESTAMPTZ
);
ALTER TABLE known_mashups ADD COLUMN IF NOT EXISTS title TEXT;
ALTER TABLE known_mashups ADD COLUMN IF NOT EXISTS visibility TEXT NOT NULL DEFAULT 'private';
ALTER TABLE known_mashups ADD COLUMN IF NOT EXISTS deleted BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE known_mashups ADD COLUMN IF NOT EXISTS verdict TEXT;
ALTER TABLE known_mashups ADD COLUMN IF NOT EXISTS verdict_at TIMESTAMPTZ;
-- JSON array of the uploads a mashup was made from (challenges' stem packs)
ALTER TABLE known_mashups ADD COLUMN IF NOT EXISTS sources TEXT;
-- a change or verdict may arrive before the render it follows
ALTER TABLE known_mashups ALTER COLUMN audio_key DROP NOT NULL;
ALTER TABLE known_mashups ALTER COLUMN rendered_at DROP NOT NULL;
ALTER TABLE known_mashups ALTER COLUMN duration_sec SET DEFAULT 0;
