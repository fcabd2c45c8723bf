-- A failed event is tried again after a delay that doubles with each attempt, so an event that waits for another
-- (a subscription before its checkout) is not out of attempts within seconds.
ALTER TABLE webhook_events ADD COLUMN next_attempt_at TIMESTAMPTZ;
