-- Challenges: daily and weekly ones from the rota (one per type and start: the unique index makes replicas agree)
-- and any an admin creates. The leaderboard freezes at freezes_at; entries count engagement until ends_at.
CREATE TABLE challenges (
    id             text PRIMARY KEY,
    title          text NOT NULL,
    description    text,
    theme          text,
    type           text NOT NULL CHECK (type IN ('daily', 'weekly', 'special')),
    -- JSON array of the audio-pipeline uploads whose stems make the pack (an entry uses at least one); null: none
    stem_pack      text,
    starts_at      timestamptz NOT NULL,
    ends_at        timestamptz NOT NULL,
    freezes_at     timestamptz NOT NULL,
    -- submitted before this: the early bonus
    early_until    timestamptz NOT NULL,
    status         text NOT NULL CHECK (status IN ('upcoming', 'active', 'completed', 'cancelled')),
    reward_credits integer NOT NULL DEFAULT 0 CHECK (reward_credits >= 0),
    reward_badge   text,
    from_rota      boolean NOT NULL DEFAULT false,
    created_by     text NOT NULL,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    CHECK (starts_at < ends_at AND starts_at <= freezes_at AND freezes_at <= ends_at),
    CHECK (starts_at <= early_until AND early_until <= ends_at)
);
CREATE UNIQUE INDEX challenges_rota ON challenges (type, starts_at) WHERE from_rota;
CREATE INDEX challenges_by_status ON challenges (status, starts_at DESC);

-- One submission per user per challenge, changeable until the end. Engagement counts from submission: `live` counts
-- every window ending by the challenge's end, `frozen` those ending by its freeze; the scores follow the seed plan.
CREATE TABLE challenge_entries (
    id               text PRIMARY KEY,
    challenge_id     text NOT NULL REFERENCES challenges,
    user_id          text NOT NULL,
    mashup_id        text NOT NULL,
    submitted_at     timestamptz NOT NULL,
    early            boolean NOT NULL,
    plays            bigint NOT NULL DEFAULT 0,
    likes            bigint NOT NULL DEFAULT 0,
    shares           bigint NOT NULL DEFAULT 0,
    comments         bigint NOT NULL DEFAULT 0,
    frozen_plays     bigint NOT NULL DEFAULT 0,
    frozen_likes     bigint NOT NULL DEFAULT 0,
    frozen_shares    bigint NOT NULL DEFAULT 0,
    frozen_comments  bigint NOT NULL DEFAULT 0,
    score            bigint GENERATED ALWAYS AS (
        plays + likes * 5 + shares * 10 + comments * 3 + CASE WHEN early THEN 50 ELSE 0 END) STORED,
    frozen_score     bigint GENERATED ALWAYS AS (
        frozen_plays + frozen_likes * 5 + frozen_shares * 10 + frozen_comments * 3 + CASE WHEN early THEN 50 ELSE 0 END) STORED,
    final_rank       integer,
    UNIQUE (challenge_id, user_id)
);
CREATE INDEX challenge_entries_live ON challenge_entries (challenge_id, score DESC, submitted_at, id);
CREATE INDEX challenge_entries_frozen ON challenge_entries (challenge_id, frozen_score DESC, submitted_at, id);
CREATE INDEX challenge_entries_by_mashup ON challenge_entries (mashup_id);
