-- Admins' erasure requests, kept as proof that they were made and done: the user is named by a SHA-256 of their id
-- only, so the log does not keep the identifier it erased.
CREATE TABLE erasures (
    id                 UUID        PRIMARY KEY,
    user_hash          TEXT        NOT NULL,
    devices            INT         NOT NULL,
    requested_by       TEXT        NOT NULL,
    requested_at       TIMESTAMPTZ NOT NULL,
    raw_events_gone_by TIMESTAMPTZ NOT NULL
);
