-- How many statements changed each challenge's board, per writer: a replica's copy of a board (ChallengeBoards)
-- rereads the board only when writers other than itself changed it. A replica's scores transactions name it as the
-- writer (the transaction-local setting mashups.board_writer); every other change (submissions, withdrawals, the
-- clock's status changes, final ranks, an administrator's SQL) counts for the writer '', which no replica is, so
-- every replica rereads after it. The counts are summed per statement and challenge, so the rows stay few.
CREATE TABLE board_changes (
    challenge_id text   NOT NULL,
    writer       text   NOT NULL,
    changes      bigint NOT NULL,
    PRIMARY KEY (challenge_id, writer)
);

CREATE FUNCTION count_entry_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- in challenge order, so two statements' counts never wait on each other in opposite orders
    INSERT INTO board_changes (challenge_id, writer, changes)
    SELECT DISTINCT challenge_id, coalesce(current_setting('mashups.board_writer', true), ''), 1 FROM changed
    ORDER BY 1
    ON CONFLICT (challenge_id, writer) DO UPDATE SET changes = board_changes.changes + 1;
    RETURN NULL;
END $$;

CREATE FUNCTION count_challenge_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO board_changes (challenge_id, writer, changes)
    SELECT DISTINCT id, '', 1 FROM changed ORDER BY 1
    ON CONFLICT (challenge_id, writer) DO UPDATE SET changes = board_changes.changes + 1;
    RETURN NULL;
END $$;

-- transition tables take one event per trigger
CREATE TRIGGER entries_inserted AFTER INSERT ON challenge_entries REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION count_entry_changes();
CREATE TRIGGER entries_updated AFTER UPDATE ON challenge_entries REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION count_entry_changes();
CREATE TRIGGER entries_deleted AFTER DELETE ON challenge_entries REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION count_entry_changes();
CREATE TRIGGER challenges_updated AFTER UPDATE ON challenges REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION count_challenge_changes();
