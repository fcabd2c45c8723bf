-- Where a vote came from (a hash of the client address the gateway saw) and why it is held, if it is.
ALTER TABLE battle_votes ADD COLUMN address text;
ALTER TABLE battle_votes ADD COLUMN held_reason text;
CREATE INDEX battle_votes_by_address ON battle_votes (battle_id, address);
CREATE INDEX battle_votes_held ON battle_votes (battle_id) WHERE held;

-- Each user's vote allowance, a token bucket shared by every replica: null tokens mean a full bucket.
ALTER TABLE profiles ADD COLUMN vote_tokens double precision;
ALTER TABLE profiles ADD COLUMN vote_tokens_at timestamptz;
