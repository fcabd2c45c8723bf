-- Trends: what each source's charts said at every sweep, the songs they name (one row per song across sources),
-- when each chart is next due, and what the platform's own creators and listeners do.

-- One run over the charts that were due (the hourly schedule) or all of them (the cron endpoint).
CREATE TABLE sweeps (
    id          UUID PRIMARY KEY,
    trigger     TEXT        NOT NULL,
    started_at  TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ
);

-- A chart's place in the schedule; the row is the claim, so each chart is fetched once per period across replicas.
CREATE TABLE schedules (
    fetcher     TEXT        NOT NULL,
    region      TEXT        NOT NULL,
    next_due_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (fetcher, region)
);

-- What one fetch of one fetcher's region gave (a licensed feed gives several charts in one fetch).
CREATE TABLE fetches (
    id            UUID PRIMARY KEY,
    sweep_id      UUID        NOT NULL REFERENCES sweeps (id),
    fetcher       TEXT        NOT NULL,
    region        TEXT        NOT NULL,
    fetched_at    TIMESTAMPTZ NOT NULL,
    status        TEXT        NOT NULL,
    items         INTEGER     NOT NULL DEFAULT 0,
    skipped_items INTEGER     NOT NULL DEFAULT 0,
    requests      INTEGER     NOT NULL DEFAULT 0,
    error         TEXT
);
CREATE INDEX fetches_latest ON fetches (fetcher, fetched_at DESC);

-- One song across sources: by ISRC where a source gives one, otherwise by normalised title and artists.
CREATE TABLE songs (
    id            UUID PRIMARY KEY,
    title         TEXT        NOT NULL,
    artist        TEXT        NOT NULL,
    title_key     TEXT        NOT NULL,
    -- the artists' keys, space separated (keys are letters and digits)
    artist_keys   TEXT        NOT NULL,
    thumbnail_url TEXT,
    preview_url   TEXT,
    first_seen_at TIMESTAMPTZ NOT NULL,
    -- a platform mashup on the mashups source's rising chart is its own song
    mashup_id     TEXT UNIQUE
);
CREATE INDEX songs_by_title ON songs (title_key);
CREATE TABLE song_isrcs (
    isrc    TEXT PRIMARY KEY,
    song_id UUID NOT NULL REFERENCES songs (id)
);

-- Every chart a fetch stored, in rank order; the rank history that velocity and scores read.
CREATE TABLE charts (
    id         UUID PRIMARY KEY,
    fetch_id   UUID        NOT NULL REFERENCES fetches (id),
    source     TEXT        NOT NULL,
    region     TEXT        NOT NULL,
    fetched_at TIMESTAMPTZ NOT NULL,
    size       INTEGER     NOT NULL
);
CREATE INDEX charts_latest ON charts (source, region, fetched_at DESC);
CREATE TABLE chart_entries (
    chart_id      UUID             NOT NULL REFERENCES charts (id),
    rank          INTEGER          NOT NULL,
    song_id       UUID             NOT NULL REFERENCES songs (id),
    previous_rank INTEGER,
    velocity      DOUBLE PRECISION NOT NULL,
    external_id   TEXT,
    external_url  TEXT,
    thumbnail_url TEXT,
    preview_url   TEXT,
    PRIMARY KEY (chart_id, rank)
);
CREATE INDEX chart_entries_song ON chart_entries (song_id);

-- Quota units a source spent per day of its provider's quota clock; exhausted marks a quota refusal.
CREATE TABLE quota_days (
    fetcher   TEXT    NOT NULL,
    day       DATE    NOT NULL,
    units     INTEGER NOT NULL DEFAULT 0,
    exhausted BOOLEAN NOT NULL DEFAULT false,
    PRIMARY KEY (fetcher, day)
);

-- The platform's own trends: songs attribution found in creators' mashups, and plays mashups gained.
CREATE TABLE mashup_songs (
    mashup_id     TEXT        NOT NULL,
    title         TEXT        NOT NULL,
    artist        TEXT        NOT NULL,
    identified_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (mashup_id, title, artist)
);
CREATE INDEX mashup_songs_recent ON mashup_songs (identified_at);
CREATE TABLE mashup_plays (
    mashup_id  TEXT        NOT NULL,
    window_end TIMESTAMPTZ NOT NULL,
    plays      BIGINT      NOT NULL,
    PRIMARY KEY (mashup_id, window_end)
);
CREATE INDEX mashup_plays_recent ON mashup_plays (window_end);
