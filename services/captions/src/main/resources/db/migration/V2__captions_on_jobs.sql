-- Captioning runs on the job engine (libs/jobs): attempts and leases live in its jobs table, not in the track.
ALTER TABLE caption_tracks DROP COLUMN attempts, DROP COLUMN lease_until;
DROP INDEX caption_tracks_claimable;
