-- Remixes begun: who remixed which mashup, into which studio project (the remix's id is the project's), and the
-- licence snapshot: the mashup's remix permissions as they were then, kept whatever its owner changes later. No
-- foreign key to mashups: a remix keeps its credit if the source is deleted.
CREATE TABLE remixes (
    id                  TEXT PRIMARY KEY,
    mashup_id           TEXT        NOT NULL,
    source_title        TEXT        NOT NULL,
    source_owner_id     TEXT        NOT NULL,
    remixer_id          TEXT        NOT NULL,
    title               TEXT        NOT NULL,
    commercial          BOOLEAN     NOT NULL,
    allow_remix         BOOLEAN     NOT NULL,
    require_attribution BOOLEAN     NOT NULL,
    allow_commercial    BOOLEAN     NOT NULL,
    idempotency_key     TEXT,
    created_at          TIMESTAMPTZ NOT NULL,
    UNIQUE (remixer_id, idempotency_key)
);
CREATE INDEX remixes_by_mashup ON remixes (mashup_id, created_at, id);
