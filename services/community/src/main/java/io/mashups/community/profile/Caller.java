package io.mashups.community.profile;

import io.mashups.web.CurrentUser;

/**
 * Who is calling, as community remembers them: id, name and picture from the token, and whether they hold the admin
 * or the judge role.
 */
public record Caller(String id, String name, String picture, boolean admin, boolean judge) {
    public static Caller of(CurrentUser user) {
        return new Caller(
                user.id(),
                user.displayName(),
                user.picture(),
                user.isAdmin(),
                user.roles().contains(CurrentUser.JUDGE));
    }
}
