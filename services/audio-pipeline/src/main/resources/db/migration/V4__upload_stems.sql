-- The four stems an upload was split into on request (a 'stems' job), each an object of its own.
CREATE TABLE upload_stems (
    upload_id    TEXT             NOT NULL REFERENCES uploads (id) ON DELETE CASCADE,
    stem         TEXT             NOT NULL CHECK (stem IN ('vocals', 'drums', 'bass', 'other')),
    object_key   TEXT             NOT NULL,
    duration_sec DOUBLE PRECISION NOT NULL,
    engine       TEXT             NOT NULL,
    created_at   TIMESTAMPTZ      NOT NULL,
    PRIMARY KEY (upload_id, stem)
);

-- splitting an upload is a job of its own kind
ALTER TABLE jobs DROP CONSTRAINT jobs_kind_check;
ALTER TABLE jobs ADD CONSTRAINT jobs_kind_check CHECK (kind IN ('analysis', 'mashup', 'stems'));
