-- What each mashup's owner lets others do with it (the seed plan's remix_permissions); no row means the defaults.
CREATE TABLE remix_permissions (
    mashup_id           TEXT PRIMARY KEY REFERENCES mashups (id) ON DELETE CASCADE,
    allow_remix         BOOLEAN     NOT NULL DEFAULT true,
    require_attribution BOOLEAN     NOT NULL DEFAULT true,
    allow_commercial    BOOLEAN     NOT NULL DEFAULT false,
    updated_at          TIMESTAMPTZ NOT NULL
);
