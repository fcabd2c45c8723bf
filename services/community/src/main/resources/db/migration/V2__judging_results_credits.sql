-- A judge's score of an entry on one criterion; a second scoring replaces the first until voting closes.
CREATE TABLE judge_scores (
    battle_id text NOT NULL REFERENCES battles,
    entry_id  text NOT NULL REFERENCES battle_entries,
    judge_id  text NOT NULL,
    criterion text NOT NULL,
    score     smallint NOT NULL CHECK (score BETWEEN 1 AND 10),
    scored_at timestamptz NOT NULL,
    PRIMARY KEY (entry_id, judge_id, criterion)
);

-- A decided battle's results, written once in the transaction that completes it.
CREATE TABLE battle_results (
    battle_id    text NOT NULL REFERENCES battles,
    entry_id     text NOT NULL REFERENCES battle_entries,
    user_id      text NOT NULL,
    place        integer NOT NULL CHECK (place >= 1),
    votes        bigint NOT NULL,
    judges_score double precision,
    score        double precision NOT NULL,
    prize        integer NOT NULL CHECK (prize >= 0),
    PRIMARY KEY (battle_id, entry_id),
    UNIQUE (battle_id, place)
);

-- Credits, append-only: each entry keeps the user's balance after it; one entry per user per source (a battle's
-- prize is credited once however often completion runs).
CREATE TABLE credit_ledger (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    text NOT NULL,
    amount     integer NOT NULL,
    balance    bigint NOT NULL,
    reason     text NOT NULL,
    source     text NOT NULL,
    created_at timestamptz NOT NULL,
    UNIQUE (user_id, source)
);
CREATE INDEX credit_ledger_by_user ON credit_ledger (user_id, id DESC);
