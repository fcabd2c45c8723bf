-- The seed plan's stems registry: each rendered mashup's four stems as they sit in its mix (before mastering), one
-- object each. Mashups rendered before this table existed have none.
CREATE TABLE mashup_stems (
    mashup_id    TEXT             NOT NULL REFERENCES mashups (id) ON DELETE CASCADE,
    stem         TEXT             NOT NULL CHECK (stem IN ('vocals', 'drums', 'bass', 'other')),
    object_key   TEXT             NOT NULL,
    duration_sec DOUBLE PRECISION NOT NULL,
    engine       TEXT             NOT NULL,
    created_at   TIMESTAMPTZ      NOT NULL,
    PRIMARY KEY (mashup_id, stem)
);
