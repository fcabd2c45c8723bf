-- A caller whose profile is as their token says writes nothing: the insert finds nothing to insert instead of
-- conflicting (an upsert whose update is skipped still locks the row, which made every read a write and its commit a
-- WAL flush).
CREATE OR REPLACE FUNCTION remember_profile(p_user text, p_name text, p_avatar text, p_now timestamptz) RETURNS boolean
LANGUAGE sql AS $$
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
    SELECT true
$$;
