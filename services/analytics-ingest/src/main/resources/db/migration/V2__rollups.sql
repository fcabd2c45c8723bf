-- The rollups as the Kafka Streams application last streamed them: whole values, so a replay rewrites the same rows.
-- Counts are exact (listeners per mashup-day and per mashup come from the topology's tables of listeners).
CREATE TABLE mashup_days (
    mashup_id       TEXT   NOT NULL,
    day             DATE   NOT NULL,
    plays           BIGINT NOT NULL DEFAULT 0,
    listeners       BIGINT NOT NULL DEFAULT 0,
    sessions        BIGINT NOT NULL DEFAULT 0,
    listened_ms     BIGINT NOT NULL DEFAULT 0,
    length_ms       BIGINT NOT NULL DEFAULT 0,
    length_sessions BIGINT NOT NULL DEFAULT 0,
    -- sessions by the twentieth of the track they got to by playing (index 0: under 5%, 20: the end)
    drop_off        BIGINT[] NOT NULL DEFAULT '{}',
    sources         JSONB  NOT NULL DEFAULT '{}',
    countries       JSONB  NOT NULL DEFAULT '{}',
    likes           BIGINT NOT NULL DEFAULT 0,
    shares          JSONB  NOT NULL DEFAULT '{}',
    share_count     BIGINT NOT NULL DEFAULT 0,
    comments        BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (mashup_id, day)
);

-- listeners playing a mashup in each minute (a listener counts once per minute per day their sessions began on)
CREATE TABLE mashup_minutes (
    mashup_id TEXT        NOT NULL,
    minute    TIMESTAMPTZ NOT NULL,
    listeners BIGINT      NOT NULL,
    PRIMARY KEY (mashup_id, minute)
);

CREATE TABLE mashup_listeners (
    mashup_id TEXT PRIMARY KEY,
    listeners BIGINT NOT NULL
);

-- followers by the day they (last) followed
CREATE TABLE creator_days (
    creator_id TEXT   NOT NULL,
    day        DATE   NOT NULL,
    followers  BIGINT NOT NULL,
    PRIMARY KEY (creator_id, day)
);

-- subjects whose totals changed since analytics.engagement last spoke of them
CREATE TABLE engagement_pending (
    scope   TEXT        NOT NULL,
    subject TEXT        NOT NULL,
    since   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, subject)
);

-- what analytics.engagement last said of each subject: the base of the next delta
CREATE TABLE engagement_published (
    scope            TEXT        NOT NULL,
    subject          TEXT        NOT NULL,
    plays            BIGINT      NOT NULL,
    unique_listeners BIGINT      NOT NULL,
    likes            BIGINT      NOT NULL,
    shares           BIGINT      NOT NULL,
    comments         BIGINT      NOT NULL,
    followers        BIGINT      NOT NULL,
    published_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (scope, subject)
);
