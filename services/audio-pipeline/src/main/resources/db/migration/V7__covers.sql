-- Server-rendered cover art: the owner's default template and the creator's name drawn on it (from their token when
-- they generated the mashup), and each rendered cover as an object. A cover's version is a hash of everything drawn
-- on it, so a renamed mashup's old cover is never served.
ALTER TABLE mashups ADD COLUMN cover_template TEXT NOT NULL DEFAULT 'gradient';
ALTER TABLE mashups ADD COLUMN creator_name TEXT;

CREATE TABLE covers (
    mashup_id  TEXT        NOT NULL REFERENCES mashups (id) ON DELETE CASCADE,
    template   TEXT        NOT NULL,
    size       TEXT        NOT NULL,
    format     TEXT        NOT NULL,
    version    TEXT        NOT NULL,
    object_key TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (mashup_id, template, size, format)
);

-- rendering a cover is a job of its own kind
ALTER TABLE jobs DROP CONSTRAINT jobs_kind_check;
ALTER TABLE jobs ADD CONSTRAINT jobs_kind_check CHECK (kind IN ('analysis', 'mashup', 'stems', 'cover'));
