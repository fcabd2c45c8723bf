-- Studio projects: metadata, the project document (tracks, clips, markers, transport) as JSON, and the server
-- sequence of the last op applied to it (ops and snapshots arrive with the real-time studio).
CREATE TABLE projects (
    id          TEXT PRIMARY KEY,
    owner_id    TEXT             NOT NULL,
    title       TEXT             NOT NULL,
    bpm         DOUBLE PRECISION NOT NULL,
    musical_key TEXT,
    document    TEXT             NOT NULL,
    sequence    BIGINT           NOT NULL DEFAULT 0,
    created_at  TIMESTAMPTZ      NOT NULL,
    updated_at  TIMESTAMPTZ      NOT NULL
);

CREATE TABLE project_members (
    project_id TEXT        NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    user_id    TEXT        NOT NULL,
    role       TEXT        NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
    invited_by TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (project_id, user_id)
);
CREATE INDEX project_members_by_user ON project_members (user_id, created_at DESC);
