-- Brackets: seeded when voting starts (ratings first, the unrated by a random draw whose seed is kept), played in
-- voting windows; only voted matches' winners are stored, byes and forfeits follow from the entries.
ALTER TABLE battles ADD COLUMN draw_seed bigint;
-- how many voting windows the bracket has (0: too few entrants for one), and how many are decided
ALTER TABLE battles ADD COLUMN bracket_windows integer CHECK (bracket_windows >= 0);
ALTER TABLE battles ADD COLUMN decided_windows integer NOT NULL DEFAULT 0;
ALTER TABLE battles ADD CHECK (bracket_windows IS NULL OR decided_windows <= bracket_windows);
ALTER TABLE battle_entries ADD COLUMN seed integer CHECK (seed >= 1);
CREATE UNIQUE INDEX battle_entries_one_per_seed ON battle_entries (battle_id, seed);

CREATE TABLE battle_matches (
    battle_id  text NOT NULL REFERENCES battles,
    match_id   text NOT NULL CHECK (match_id <> ''),
    winner     text NOT NULL REFERENCES battle_entries,
    votes_a    bigint NOT NULL,
    votes_b    bigint NOT NULL,
    decided_at timestamptz NOT NULL,
    PRIMARY KEY (battle_id, match_id)
);

-- Battle ratings (Elo), updated when a battle completes; the unrated have no row.
CREATE TABLE battle_ratings (
    user_id    text PRIMARY KEY,
    rating     double precision NOT NULL,
    battles    integer NOT NULL,
    updated_at timestamptz NOT NULL
);
