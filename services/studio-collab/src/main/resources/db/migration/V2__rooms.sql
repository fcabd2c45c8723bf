-- The real-time studio. Ops are sequenced by the room log (a Kafka topic keyed by project); the persister stores the
-- applied ones here with their log offset as sequence, snapshots the document every few hundred ops, and remembers
-- how far it has read each partition, in the same transaction.
CREATE TABLE room_ops (
    project_id TEXT   NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    seq        BIGINT NOT NULL,
    message    TEXT   NOT NULL,
    PRIMARY KEY (project_id, seq)
);

CREATE TABLE room_snapshots (
    project_id TEXT        NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    seq        BIGINT      NOT NULL,
    document   TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, seq)
);
-- every project starts from its initial document, before any op (sequence -1)
INSERT INTO room_snapshots (project_id, seq, document) SELECT id, -1, document FROM projects;

CREATE TABLE room_log_positions (
    topic       TEXT        NOT NULL,
    partition   INTEGER     NOT NULL,
    next_offset BIGINT      NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (topic, partition)
);

-- Who is in which studio (seed plan 1.3): opened on join, closed on leave, touched while connected.
CREATE TABLE project_sessions (
    id               TEXT PRIMARY KEY,
    project_id       TEXT        NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    user_id          TEXT        NOT NULL,
    node             TEXT        NOT NULL,
    joined_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_activity_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    left_at          TIMESTAMPTZ,
    cursor_position  TEXT,
    is_active        BOOLEAN     NOT NULL DEFAULT true
);
CREATE INDEX project_sessions_active ON project_sessions (project_id) WHERE is_active;
