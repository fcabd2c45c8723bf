-- A position counts only for the topic it was stored for: a room log topic deleted and created again (a new Kafka, a
-- restored cluster) starts its offsets at 0, and positions of the old one would skip its records. Rows stored before
-- this column existed name no topic id and are ignored: the persister then starts from the beginning of each
-- partition (projects' stored ops make that skip what is stored already).
ALTER TABLE room_log_positions ADD COLUMN topic_id TEXT;
