package io.mashups.analyticsingest.rollup;

import java.util.List;

/**
 * A listening session, the play events of one listener on one device for one mashup no more than the session gap
 * apart, summed up as far as its tally needs: its first event, its last, and the listening between them. A later
 * event extends it in constant time ({@link #then}); the session store keeps this beside the events themselves, so
 * that an event arriving in order neither reads nor rewrites the session's other events.
 *
 * @param firstAt the first event's client time, epoch milliseconds
 * @param source where the first event said the play came from
 * @param country the listener's country on the first event
 * @param lastAt the last event's client time
 * @param lastId the last event's id (events at the same time go by id)
 * @param lastPositionMs where the last event said the player was, null when it did not
 * @param lastEnd the last event was a {@code play_end}
 * @param listenedMs the forward steps of the position so far that were playing (see {@link #tally})
 * @param reachedMs the furthest position reached by playing
 * @param lengthMs the longest track length an event gave, null when none did
 */
public record Listening(
        long firstAt,
        String source,
        String country,
        long lastAt,
        String lastId,
        Long lastPositionMs,
        boolean lastEnd,
        long listenedMs,
        long reachedMs,
        Long lengthMs) {

    /** A session of one event. */
    public static Listening of(Sample sample) {
        return new Listening(
                sample.at(),
                sample.source(),
                sample.country(),
                sample.at(),
                sample.id(),
                sample.positionMs(),
                sample.end(),
                0,
                0,
                sample.lengthMs());
    }

    /** The session of {@code samples}, given in session order without repeats. */
    public static Listening of(List<Sample> samples, ListeningRules rules) {
        Listening session = of(samples.get(0));
        for (int i = 1; i < samples.size(); i++) {
            session = session.then(samples.get(i), rules);
        }
        return session;
    }

    /** Whether {@code sample} comes after every event of the session, so that {@link #then} may take it. */
    public boolean precedes(Sample sample) {
        return sample.at() != lastAt ? sample.at() > lastAt : sample.id().compareTo(lastId) > 0;
    }

    /**
     * The session with {@code next}, an event after its last. A step of the position forward counts as listening when
     * it is no longer than the time between the two events allows (with {@code rules}' slack): a seek, a reload to the
     * start or a pause adds nothing, nor does the time after a {@code play_end}.
     */
    public Listening then(Sample next, ListeningRules rules) {
        long listened = listenedMs;
        long reached = reachedMs;
        if (!lastEnd && lastPositionMs != null && next.positionMs() != null) {
            long step = next.positionMs() - lastPositionMs;
            if (step > 0 && step <= rules.longestStep(next.at() - lastAt)) {
                listened += step;
                reached = Math.max(reached, next.positionMs());
            }
        }
        Long length = next.lengthMs() != null && (lengthMs == null || next.lengthMs() > lengthMs)
                ? next.lengthMs()
                : lengthMs;
        return new Listening(
                firstAt,
                source,
                country,
                next.at(),
                next.id(),
                next.positionMs(),
                next.end(),
                listened,
                reached,
                length);
    }

    /**
     * What the session adds to its listener's day: it counts as a play once its listening reaches
     * {@code rules.countedAfter} or 90% of a shorter track; how far it got by playing is its drop-off point.
     */
    public Tally tally(ListeningRules rules) {
        boolean counted = listenedMs >= rules.countedAfter(lengthMs);
        int point = lengthMs == null ? -1 : (int) Math.min(Tally.POINTS - 1, reachedMs * (Tally.POINTS - 1) / lengthMs);
        return Tally.session(counted, listenedMs, lengthMs, point, firstAt, lastAt, source, country);
    }
}
