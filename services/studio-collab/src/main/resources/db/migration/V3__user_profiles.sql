-- How collaborators are shown: the name and picture of each user's latest token (claims name or preferred_username,
-- and picture), kept when the user opens a project or the studio.
CREATE TABLE user_profiles (
    user_id    TEXT PRIMARY KEY,
    name       TEXT,
    avatar     TEXT,
    updated_at TIMESTAMPTZ NOT NULL
);
