-- What the generator chose for a mashup (MixChoices as JSON: tempo, key, each source's relation, stretch and shift,
-- and what it gave up); null for published studio projects and mashups rendered before it was kept.
ALTER TABLE mashups ADD COLUMN mix TEXT;
