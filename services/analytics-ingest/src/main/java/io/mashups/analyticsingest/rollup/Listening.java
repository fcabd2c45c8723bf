package io.mashups.analyticsingest.rollup;

import java.util.ArrayList;
import java.util.List;

/**
 * A listening session: the play events of one listener on one device for one mashup, no more than the session gap
 * apart, in session order. Immutable: Kafka Streams hands an aggregate's old value downstream beside the new one.
 */
public record Listening(List<Sample> samples) {
    public static final Listening NONE = new Listening(List.of());

    /** The session with one more event; an event it already has (same id) changes nothing. */
    public Listening with(Sample sample) {
        return merge(new Listening(List.of(sample)));
    }

    /** Two sessions that a late event joined into one. */
    public Listening merge(Listening other) {
        List<Sample> merged = new ArrayList<>(samples.size() + other.samples.size());
        int i = 0;
        int j = 0;
        while (i < samples.size() || j < other.samples.size()) {
            Sample next;
            if (j == other.samples.size()
                    || (i < samples.size() && samples.get(i).before(other.samples.get(j)))) {
                next = samples.get(i++);
            } else {
                next = other.samples.get(j++);
            }
            if (merged.isEmpty() || !merged.get(merged.size() - 1).id().equals(next.id())) {
                merged.add(next);
            }
        }
        return new Listening(List.copyOf(merged));
    }

    /**
     * What the session adds to its listener's day. Listening time is the sum of the forward steps of the position no
     * longer than the time between two events allows (with {@code rules}' slack): a seek, a reload to the start or a
     * pause adds nothing, nor does the time after a {@code play_end}. The session counts as a play once that time
     * reaches {@code rules.countedAfter} or 90% of a shorter track; how far it got by playing is its drop-off point.
     */
    public Tally tally(ListeningRules rules) {
        Sample first = samples.get(0);
        Sample last = samples.get(samples.size() - 1);
        long listened = 0;
        long reached = 0;
        Long length = null;
        for (int i = 0; i < samples.size(); i++) {
            Sample sample = samples.get(i);
            if (sample.lengthMs() != null && (length == null || sample.lengthMs() > length)) {
                length = sample.lengthMs();
            }
            if (i == 0) {
                continue;
            }
            Sample previous = samples.get(i - 1);
            if (previous.end() || previous.positionMs() == null || sample.positionMs() == null) {
                continue;
            }
            long step = sample.positionMs() - previous.positionMs();
            if (step > 0 && step <= rules.longestStep(sample.at() - previous.at())) {
                listened += step;
                reached = Math.max(reached, sample.positionMs());
            }
        }
        boolean counted = listened >= rules.countedAfter(length);
        int point = length == null ? -1 : (int) Math.min(Tally.POINTS - 1, reached * (Tally.POINTS - 1) / length);
        return Tally.session(counted, listened, length, point, first.at(), last.at(), first.source(), first.country());
    }
}
