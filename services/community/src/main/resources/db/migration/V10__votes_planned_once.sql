-- A vote's statements planned once per connection, and its checks bounded (bench/run.sh measured each change with
-- pgbench calling cast_vote alone; README "Votes in one call").

-- PL/pgSQL keeps its statements' plans for the connection; a SQL-language function that cannot be inlined (this
-- insert) is parsed and planned again on every call.
CREATE OR REPLACE FUNCTION remember_profile(p_user text, p_name text, p_avatar text, p_now timestamptz) RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO profiles (user_id, name, avatar, first_seen, updated_at)
    SELECT p_user, p_name, p_avatar, p_now, p_now
    WHERE NOT EXISTS (
        SELECT 1 FROM profiles WHERE user_id = p_user
            AND (p_name IS NULL OR name IS NOT DISTINCT FROM p_name)
            AND (p_avatar IS NULL OR avatar IS NOT DISTINCT FROM p_avatar))
    ON CONFLICT (user_id) DO UPDATE SET name = COALESCE(excluded.name, profiles.name),
        avatar = COALESCE(excluded.avatar, profiles.avatar), updated_at = p_now
    WHERE excluded.name IS NOT NULL AND profiles.name IS DISTINCT FROM excluded.name
       OR excluded.avatar IS NOT NULL AND profiles.avatar IS DISTINCT FROM excluded.avatar;
    RETURN true;
END
$$;

-- What a user's vote allowance holds at p_now: a token bucket refilled at p_per_second up to p_burst (inlined).
CREATE FUNCTION vote_allowance(p_tokens double precision, p_at timestamptz, p_now timestamptz,
    p_burst double precision, p_per_second double precision) RETURNS double precision
LANGUAGE sql IMMUTABLE AS $$
    SELECT LEAST(p_burst, COALESCE(p_tokens, p_burst) + extract(epoch FROM (p_now - COALESCE(p_at, p_now))) * p_per_second)
$$;

-- Counting the voters from one address stops at the limit: the index gives them in order, without a sort of them all.
CREATE INDEX battle_votes_by_address_voter ON battle_votes (battle_id, address, user_id);
DROP INDEX battle_votes_by_address;

-- The same rules and outcomes as V5's, in fewer statements: the lock is taken before the phase is read (read once),
-- entry and judge are one read, and the common case (a known account, old enough, with allowance left) is one update
-- that also refreshes the profile's claims. The new-account burst query is run, and planned, only for new accounts:
-- inside one expression with the age test it was planned again on every vote (a third of the function's time).
CREATE OR REPLACE FUNCTION cast_vote(
    p_battle text, p_match text, p_user text, p_name text, p_avatar text, p_entry text, p_now timestamptz,
    p_address text, p_min_age interval, p_burst double precision, p_per_second double precision,
    p_per_address integer, p_new_age interval, p_new_burst integer, p_burst_window interval)
RETURNS TABLE (outcome text, reason text, at timestamptz, until timestamptz)
LANGUAGE plpgsql AS $$
DECLARE
    phase record;
    entrant text;
    judging boolean;
    seen timestamptz;
    allowance double precision;
    why text;
BEGIN
    PERFORM pg_advisory_xact_lock_shared(battle_lock_key(p_battle));
    SELECT status, format, entries_end_at, voting_end_at INTO phase FROM battles WHERE id = p_battle;
    IF NOT FOUND THEN
        PERFORM remember_profile(p_user, p_name, p_avatar, p_now);
        RETURN QUERY SELECT 'not-found', NULL::text, NULL::timestamptz, NULL::timestamptz;
        RETURN;
    END IF;
    IF phase.status IN ('completed', 'cancelled') OR p_now < phase.entries_end_at OR p_now >= phase.voting_end_at THEN
        PERFORM remember_profile(p_user, p_name, p_avatar, p_now);
        RETURN QUERY SELECT 'closed', phase.status, phase.entries_end_at, phase.voting_end_at;
        RETURN;
    END IF;
    IF p_match = '' AND phase.format <> 'open' THEN
        PERFORM remember_profile(p_user, p_name, p_avatar, p_now);
        RETURN QUERY SELECT 'bracket', NULL::text, NULL::timestamptz, NULL::timestamptz;
        RETURN;
    END IF;
    SELECT e.user_id, EXISTS (SELECT 1 FROM battle_judges j WHERE j.battle_id = p_battle AND j.user_id = p_user)
    INTO entrant, judging
    FROM battle_entries e WHERE e.id = p_entry AND e.battle_id = p_battle AND e.withdrawn_at IS NULL;
    IF entrant IS NULL OR entrant = p_user OR judging THEN
        PERFORM remember_profile(p_user, p_name, p_avatar, p_now);
        RETURN QUERY SELECT CASE WHEN entrant IS NULL THEN 'no-entry' WHEN entrant = p_user THEN 'own-entry'
            ELSE 'judge' END, NULL::text, NULL::timestamptz, NULL::timestamptz;
        RETURN;
    END IF;
    UPDATE profiles SET vote_tokens = vote_allowance(vote_tokens, vote_tokens_at, p_now, p_burst, p_per_second) - 1,
        vote_tokens_at = p_now, name = COALESCE(p_name, name), avatar = COALESCE(p_avatar, avatar),
        updated_at = CASE WHEN p_name IS NOT NULL AND name IS DISTINCT FROM p_name
            OR p_avatar IS NOT NULL AND avatar IS DISTINCT FROM p_avatar THEN p_now ELSE updated_at END
    WHERE user_id = p_user AND first_seen <= p_now - p_min_age
        AND vote_allowance(vote_tokens, vote_tokens_at, p_now, p_burst, p_per_second) >= 1
    RETURNING first_seen INTO seen;
    IF NOT FOUND THEN
        -- a caller not seen before, too new, or out of allowance
        PERFORM remember_profile(p_user, p_name, p_avatar, p_now);
        SELECT first_seen, vote_allowance(vote_tokens, vote_tokens_at, p_now, p_burst, p_per_second)
        INTO seen, allowance FROM profiles WHERE user_id = p_user;
        IF p_now < seen + p_min_age THEN
            RETURN QUERY SELECT 'too-new', NULL::text, seen + p_min_age, NULL::timestamptz;
            RETURN;
        END IF;
        IF allowance < 1 THEN
            RETURN QUERY SELECT 'rate-limited', NULL::text, NULL::timestamptz, NULL::timestamptz;
            RETURN;
        END IF;
        -- first seen just now where accounts may vote at once
        UPDATE profiles SET vote_tokens = allowance - 1, vote_tokens_at = p_now WHERE user_id = p_user;
    END IF;
    -- held for review: many voters of the battle from one address, or a burst of votes from new accounts
    IF (SELECT count(*) FROM (SELECT DISTINCT v.user_id FROM battle_votes v
            WHERE v.battle_id = p_battle AND v.address = p_address AND v.user_id <> p_user
            ORDER BY v.user_id LIMIT p_per_address) AS voters) >= p_per_address THEN
        why := 'many voters from one address';
    ELSIF seen > p_now - p_new_age THEN
        IF (SELECT count(*) FROM (SELECT 1 FROM battle_votes v JOIN profiles p ON p.user_id = v.user_id
                WHERE v.battle_id = p_battle AND v.cast_at > p_now - p_burst_window
                AND p.first_seen > p_now - p_new_age AND v.user_id <> p_user LIMIT p_new_burst) AS burst)
                >= p_new_burst THEN
            why := 'a burst of votes from new accounts';
        END IF;
    END IF;
    INSERT INTO battle_votes (battle_id, match_id, user_id, entry_id, cast_at, address, held, held_reason)
    VALUES (p_battle, p_match, p_user, p_entry, p_now, p_address, why IS NOT NULL, why)
    ON CONFLICT (battle_id, match_id, user_id) DO UPDATE SET entry_id = excluded.entry_id, cast_at = excluded.cast_at,
        address = excluded.address, held = excluded.held, held_reason = excluded.held_reason;
    RETURN QUERY SELECT CASE WHEN why IS NULL THEN 'counted' ELSE 'held' END, why, NULL::timestamptz, NULL::timestamptz;
END
$$;
