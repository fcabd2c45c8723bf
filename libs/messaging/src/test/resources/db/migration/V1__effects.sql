-- No unique constraint on purpose: applying an event twice would show as two rows.
CREATE TABLE applied_effects (event_id TEXT NOT NULL, subject TEXT NOT NULL, amount INTEGER NOT NULL);
CREATE TABLE commits (id BIGSERIAL PRIMARY KEY, subject TEXT NOT NULL);
