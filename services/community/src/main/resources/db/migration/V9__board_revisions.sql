-- Every change of an entry's counts or of its mashup raises its revision, so a replica's copy of a board
-- (ChallengeBoards) keeps the newer of two versions of an entry however its reloads and the updates interleave.
ALTER TABLE challenge_entries ADD COLUMN revision bigint NOT NULL DEFAULT 0;
