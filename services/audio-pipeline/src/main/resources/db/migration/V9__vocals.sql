-- AI vocals: each finished vocal job leaves an audio file and a stored upload (its vocal stem), analysed like any other
CREATE TABLE vocals (
    id           TEXT PRIMARY KEY, -- the job's id
    owner_id     TEXT NOT NULL,
    upload_id    TEXT NOT NULL REFERENCES uploads (id),
    audio_key    TEXT NOT NULL,
    engine       TEXT NOT NULL,
    voice_id     TEXT NOT NULL,
    style        TEXT NOT NULL CHECK (style IN ('singing', 'rap', 'spoken')),
    bpm          DOUBLE PRECISION NOT NULL,
    musical_key  TEXT NOT NULL,
    duration_sec DOUBLE PRECISION NOT NULL,
    mashup_id    TEXT,
    created_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX vocals_by_owner ON vocals (owner_id, created_at DESC);

ALTER TABLE jobs DROP CONSTRAINT jobs_kind_check;
ALTER TABLE jobs ADD CONSTRAINT jobs_kind_check
    CHECK (kind IN ('analysis', 'mashup', 'stems', 'cover', 'mixdown', 'vocals'));
