-- Ids of captured events, to answer a repeat as a duplicate: kept for mashups.analytics.capture.dedup-window, then
-- purged; client event ids are unique per device only.
CREATE TABLE captured_events (
    device_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (device_id, event_id)
);
-- rows arrive in time order: a block range index finds the old ones to purge at almost no cost
CREATE INDEX captured_events_received ON captured_events USING brin (received_at);
