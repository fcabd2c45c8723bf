-- Public profiles, from the token's claims; first_seen is when community first saw the user (account age for votes).
CREATE TABLE profiles (
    user_id    text PRIMARY KEY,
    name       text,
    avatar     text,
    time_zone  text,
    first_seen timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE TABLE battles (
    id               text PRIMARY KEY,
    title            text NOT NULL,
    description      text,
    theme            text,
    status           text NOT NULL CHECK (status IN ('upcoming', 'active', 'voting', 'completed', 'cancelled')),
    format           text NOT NULL CHECK (format IN ('open', 'single', 'double')),
    voting           text NOT NULL CHECK (voting IN ('blind', 'open')),
    starts_at        timestamptz NOT NULL,
    entries_end_at   timestamptz NOT NULL,
    voting_end_at    timestamptz NOT NULL,
    community_weight double precision NOT NULL CHECK (community_weight >= 0),
    judges_weight    double precision NOT NULL CHECK (judges_weight >= 0),
    -- JSON arrays: the judging criteria's names, and the credits of each place (first place first)
    criteria         text NOT NULL,
    prizes           text NOT NULL,
    created_by       text NOT NULL,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    CHECK (starts_at < entries_end_at AND entries_end_at < voting_end_at),
    CHECK (community_weight + judges_weight > 0)
);
CREATE INDEX battles_by_status ON battles (status, voting_end_at);

CREATE TABLE battle_judges (
    battle_id text NOT NULL REFERENCES battles ON DELETE CASCADE,
    user_id   text NOT NULL,
    PRIMARY KEY (battle_id, user_id)
);

CREATE TABLE battle_entries (
    id               text PRIMARY KEY,
    battle_id        text NOT NULL REFERENCES battles,
    user_id          text NOT NULL,
    mashup_id        text NOT NULL,
    submitted_at     timestamptz NOT NULL,
    -- the order entries came in: ties of votes go to the earlier entry
    arrival          bigint GENERATED ALWAYS AS IDENTITY,
    withdrawn_at     timestamptz,
    withdrawn_reason text
);
-- one standing entry per user and per mashup in a battle
CREATE UNIQUE INDEX battle_entries_one_per_user ON battle_entries (battle_id, user_id) WHERE withdrawn_at IS NULL;
CREATE UNIQUE INDEX battle_entries_one_per_mashup ON battle_entries (battle_id, mashup_id) WHERE withdrawn_at IS NULL;
CREATE INDEX battle_entries_by_mashup ON battle_entries (mashup_id);

-- One vote per user per battle (match_id '') or per match of a bracket: the primary key enforces it, a second vote
-- replaces the first. Held votes wait for an admin and are not counted.
CREATE TABLE battle_votes (
    battle_id text NOT NULL REFERENCES battles,
    match_id  text NOT NULL DEFAULT '',
    user_id   text NOT NULL,
    entry_id  text NOT NULL REFERENCES battle_entries,
    held      boolean NOT NULL DEFAULT false,
    cast_at   timestamptz NOT NULL,
    PRIMARY KEY (battle_id, match_id, user_id)
);
CREATE INDEX battle_votes_by_entry ON battle_votes (entry_id) WHERE NOT held;
