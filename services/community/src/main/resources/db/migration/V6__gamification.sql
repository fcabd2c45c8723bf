-- The time zones a user chose, each in effect from `since` (UTC before the first): what makes their days and weeks.
CREATE TABLE profile_zones (
    user_id   text NOT NULL,
    since     timestamptz NOT NULL,
    time_zone text NOT NULL,
    PRIMARY KEY (user_id, since)
);
INSERT INTO profile_zones (user_id, since, time_zone)
SELECT user_id, first_seen, time_zone FROM profiles WHERE time_zone IS NOT NULL;

-- XP, append-only: one row per award, keyed by its source (an event, a mashup, a battle, a streak milestone) and its
-- rule, so a source applied twice awards once. local_day is the user's day of the award (the daily play cap).
CREATE TABLE xp_transactions (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      text NOT NULL,
    amount       integer NOT NULL CHECK (amount > 0),
    reason       text NOT NULL,
    source       text NOT NULL,
    reference_id text,
    local_day    date NOT NULL,
    created_at   timestamptz NOT NULL,
    UNIQUE (user_id, source, reason)
);
CREATE INDEX xp_transactions_by_day ON xp_transactions (user_id, reason, local_day);

-- Each user's totals, kept with the log in one transaction (and equal to what the log rebuilds); the row is also
-- the lock that orders one user's awards.
CREATE TABLE user_gamification (
    user_id       text PRIMARY KEY,
    total_xp      bigint NOT NULL DEFAULT 0 CHECK (total_xp >= 0),
    current_level integer NOT NULL DEFAULT 1,
    updated_at    timestamptz NOT NULL
);

CREATE TABLE user_badges (
    user_id   text NOT NULL,
    badge_id  text NOT NULL,
    earned_at timestamptz NOT NULL,
    source    text NOT NULL,
    PRIMARY KEY (user_id, badge_id)
);

-- The user's local days with a creative action (a mashup created, a studio session, a challenge submission).
CREATE TABLE activity_days (
    user_id   text NOT NULL,
    local_day date NOT NULL,
    PRIMARY KEY (user_id, local_day)
);

-- The highest engagement total seen per subject and metric: XP for likes, comments and followers is paid on new
-- highs only, so an unlike and a like again pays nothing, and totals arriving out of order pay the same.
CREATE TABLE engagement_highs (
    subject text NOT NULL,
    metric  text NOT NULL,
    high    bigint NOT NULL,
    PRIMARY KEY (subject, metric)
);

-- Per user and local week (its Monday): mashups created, plays and new likes received.
CREATE TABLE weekly_stats (
    user_id text NOT NULL,
    week    date NOT NULL,
    mashups integer NOT NULL DEFAULT 0,
    plays   bigint NOT NULL DEFAULT 0,
    likes   bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, week)
);
