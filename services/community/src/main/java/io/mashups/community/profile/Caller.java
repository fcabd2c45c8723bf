package io.mashups.community.profile;

import io.mashups.web.CurrentUser;

/** Who is calling, as community remembers them: id, name and picture from the token, and whether they are admin. */
public record Caller(String id, String name, String picture, boolean admin) {
    public static Caller of(CurrentUser user) {
        return new Caller(user.id(), user.displayName(), user.picture(), user.isAdmin());
    }
}
