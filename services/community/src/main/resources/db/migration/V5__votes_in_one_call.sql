-- A vote is the hot path: one call of cast_vote runs every rule and writes it in one round trip (the rules stay in
-- one place; Java maps the outcome to the answer). See the README's "Votes in one call".

-- Every request records the caller's profile; a new one is first seen at p_now. Writes only what changed.
CREATE FUNCTION remember_profile(p_user text, p_name text, p_avatar text, p_now timestamptz) RETURNS boolean
LANGUAGE sql AS $$
    INSERT INTO profiles (user_id, name, avatar, first_seen, updated_at) VALUES (p_user, p_name, p_avatar, p_now, p_now)
    ON CONFLICT (user_id) DO UPDATE SET name = COALESCE(excluded.name, profiles.name),
        avatar = COALESCE(excluded.avatar, profiles.avatar), updated_at = p_now
    WHERE excluded.name IS NOT NULL AND profiles.name IS DISTINCT FROM excluded.name
       OR excluded.avatar IS NOT NULL AND profiles.avatar IS DISTINCT FROM excluded.avatar;
    SELECT true
$$;

-- Votes hold this lock shared while they are written and the clock takes it alone before deciding, so a battle is
-- not decided while a vote that saw it open is still being written (an advisory lock: no write to the battle's row).
CREATE FUNCTION battle_lock_key(p_battle text) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
    SELECT hashtextextended('battle:' || p_battle, 0)
$$;

-- outcome: counted, held (reason), not-found, closed (reason = status, at = opens, until = closes), bracket (a
-- bracket's vote needs its match: p_match ''), no-entry, own-entry, judge, too-new (at = when the account may vote),
-- rate-limited
CREATE FUNCTION cast_vote(
    p_battle text, p_match text, p_user text, p_name text, p_avatar text, p_entry text, p_now timestamptz,
    p_address text, p_min_age interval, p_burst double precision, p_per_second double precision,
    p_per_address integer, p_new_age interval, p_new_burst integer, p_burst_window interval)
RETURNS TABLE (outcome text, reason text, at timestamptz, until timestamptz)
LANGUAGE plpgsql AS $$
DECLARE
    phase record;
    entrant text;
    seen timestamptz;
    why text;
BEGIN
    PERFORM remember_profile(p_user, p_name, p_avatar, p_now);
    -- the phase is read again once the lock is held: the clock may have decided the battle meanwhile
    FOR attempt IN 1..2 LOOP
        SELECT status, format, entries_end_at, voting_end_at INTO phase FROM battles WHERE id = p_battle;
        IF NOT FOUND THEN
            RETURN QUERY SELECT 'not-found', NULL::text, NULL::timestamptz, NULL::timestamptz;
            RETURN;
        END IF;
        IF phase.status IN ('completed', 'cancelled') OR p_now < phase.entries_end_at OR p_now >= phase.voting_end_at THEN
            RETURN QUERY SELECT 'closed', phase.status, phase.entries_end_at, phase.voting_end_at;
            RETURN;
        END IF;
        IF p_match = '' AND phase.format <> 'open' THEN
            RETURN QUERY SELECT 'bracket', NULL::text, NULL::timestamptz, NULL::timestamptz;
            RETURN;
        END IF;
        IF attempt = 1 THEN
            PERFORM pg_advisory_xact_lock_shared(battle_lock_key(p_battle));
        END IF;
    END LOOP;
    SELECT user_id INTO entrant FROM battle_entries WHERE id = p_entry AND battle_id = p_battle AND withdrawn_at IS NULL;
    IF NOT FOUND THEN
        RETURN QUERY SELECT 'no-entry', NULL::text, NULL::timestamptz, NULL::timestamptz;
        RETURN;
    END IF;
    IF entrant = p_user THEN
        RETURN QUERY SELECT 'own-entry', NULL::text, NULL::timestamptz, NULL::timestamptz;
        RETURN;
    END IF;
    IF EXISTS (SELECT 1 FROM battle_judges WHERE battle_id = p_battle AND user_id = p_user) THEN
        RETURN QUERY SELECT 'judge', NULL::text, NULL::timestamptz, NULL::timestamptz;
        RETURN;
    END IF;
    SELECT first_seen INTO seen FROM profiles WHERE user_id = p_user;
    IF p_now < seen + p_min_age THEN
        RETURN QUERY SELECT 'too-new', NULL::text, seen + p_min_age, NULL::timestamptz;
        RETURN;
    END IF;
    -- the user's allowance: a token bucket on the profile row, shared by every replica
    UPDATE profiles SET vote_tokens = LEAST(p_burst, COALESCE(vote_tokens, p_burst)
            + extract(epoch FROM (p_now - COALESCE(vote_tokens_at, p_now))) * p_per_second) - 1,
        vote_tokens_at = p_now
    WHERE user_id = p_user AND LEAST(p_burst, COALESCE(vote_tokens, p_burst)
            + extract(epoch FROM (p_now - COALESCE(vote_tokens_at, p_now))) * p_per_second) >= 1;
    IF NOT FOUND THEN
        RETURN QUERY SELECT 'rate-limited', NULL::text, NULL::timestamptz, NULL::timestamptz;
        RETURN;
    END IF;
    -- held for review: many voters of the battle from one address, or a burst of votes from new accounts
    IF (SELECT count(DISTINCT v.user_id) FROM battle_votes v
            WHERE v.battle_id = p_battle AND v.address = p_address AND v.user_id <> p_user) >= p_per_address THEN
        why := 'many voters from one address';
    ELSIF seen > p_now - p_new_age AND (SELECT count(*) FROM battle_votes v JOIN profiles p ON p.user_id = v.user_id
            WHERE v.battle_id = p_battle AND v.cast_at > p_now - p_burst_window AND p.first_seen > p_now - p_new_age
            AND v.user_id <> p_user) >= p_new_burst THEN
        why := 'a burst of votes from new accounts';
    END IF;
    INSERT INTO battle_votes (battle_id, match_id, user_id, entry_id, cast_at, address, held, held_reason)
    VALUES (p_battle, p_match, p_user, p_entry, p_now, p_address, why IS NOT NULL, why)
    ON CONFLICT (battle_id, match_id, user_id) DO UPDATE SET entry_id = excluded.entry_id, cast_at = excluded.cast_at,
        address = excluded.address, held = excluded.held, held_reason = excluded.held_reason;
    RETURN QUERY SELECT CASE WHEN why IS NULL THEN 'counted' ELSE 'held' END, why, NULL::timestamptz, NULL::timestamptz;
END
$$;
