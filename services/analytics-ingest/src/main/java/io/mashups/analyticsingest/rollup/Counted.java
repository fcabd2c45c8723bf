package io.mashups.analyticsingest.rollup;

/**
 * A session as the listener-days last counted it: what its day gives back when the session has changed since.
 *
 * @param session the session then, null when the days did not count it (it is new since)
 */
record Counted(Listening session) {}
