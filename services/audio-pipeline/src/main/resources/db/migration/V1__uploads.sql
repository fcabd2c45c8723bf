-- Audio files users upload straight to object storage; validated with ffprobe before they count as stored.
CREATE TABLE uploads (
    id               TEXT PRIMARY KEY,
    owner_id         TEXT        NOT NULL,
    file_name        TEXT        NOT NULL,
    content_type     TEXT        NOT NULL,
    object_key       TEXT        NOT NULL UNIQUE,
    status           TEXT        NOT NULL CHECK (status IN ('pending', 'stored', 'rejected')),
    size_bytes       BIGINT,
    duration_sec     DOUBLE PRECISION,
    sample_rate      INTEGER,
    channels         INTEGER,
    codec            TEXT,
    container        TEXT,
    rejection_reason TEXT,
    created_at       TIMESTAMPTZ NOT NULL,
    completed_at     TIMESTAMPTZ
);
CREATE INDEX uploads_by_owner ON uploads (owner_id, created_at DESC, id);
