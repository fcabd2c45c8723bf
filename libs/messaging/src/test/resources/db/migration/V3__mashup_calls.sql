-- What the mashup projection told its listeners (no unique constraint: a second call would show).
CREATE TABLE mashup_calls (mashup_id TEXT NOT NULL, call TEXT NOT NULL);
