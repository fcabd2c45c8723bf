package io.mashups.community.battle;

/** Postgres refused a row a unique index already holds (SQL state 23505), whichever layer wrapped the error. */
final class UniqueViolation {
    private UniqueViolation() {}

    static boolean is(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }
}
