package io.mashups.community.challenge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.mashups.community.challenge.ChallengeBoards.Change;
import io.mashups.community.challenge.ChallengeBoards.Copy;
import io.mashups.community.challenge.ChallengeBoards.Counts;
import io.mashups.community.challenge.ChallengeBoards.Head;
import io.mashups.community.challenge.ChallengeBoards.Row;
import io.mashups.community.mashup.MashupRef;
import io.mashups.community.profile.PublicUser;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a board's copy meets the updates this replica hands it and the reloads that read the database meanwhile: the
 * higher revision stands, an update that never committed stops counting after the commit grace.
 */
class BoardCopyTest {
    private static final Board LIVE = new Board(false, false);
    private static final Head HEAD = new Head("c", ChallengeStatus.ACTIVE, Instant.parse("2026-12-06T12:00:00Z"));
    private static final Instant SUBMITTED = Instant.parse("2026-12-06T00:00:00Z");

    @Test
    void anUpdateHandedOverBeforeItCommittedOutlivesAReloadThatReadBeforeIt() {
        long now = 1_000_000_000_000L;
        Copy copy = copyOf(row("a", 1, 10), row("b", 1, 20)).with(List.of(change("a", 2, 30, now)));
        assertEquals(List.of("a 30", "b 20"), shown(copy));
        // a reload that read both entries at revision 1 (before a's update committed)
        Copy merged = Copy.merged(HEAD, LIVE, List.of(row("a", 1, 10), row("b", 1, 20)), now + 5, copy, List.of());
        assertEquals(List.of("a 30", "b 20"), shown(merged));
    }

    @Test
    void aReloadThatReadANewerRevisionWins() {
        long now = 1_000_000_000_000L;
        Copy copy = copyOf(row("a", 1, 10), row("b", 1, 20)).with(List.of(change("a", 2, 30, now)));
        Copy merged = Copy.merged(HEAD, LIVE, List.of(row("a", 3, 5), row("b", 1, 20)), now + 5, copy, List.of());
        assertEquals(List.of("b 20", "a 5"), shown(merged));
    }

    @Test
    void anUpdateThatNeverCommittedYieldsToTheDatabaseAfterTheGrace() {
        long now = 1_000_000_000_000L;
        Copy copy = copyOf(row("a", 1, 10)).with(List.of(change("a", 2, 30, now)));
        long later = now + ChallengeBoards.COMMIT_GRACE + 1;
        Copy merged = Copy.merged(HEAD, LIVE, List.of(row("a", 1, 10)), later, copy, List.of());
        assertEquals(List.of("a 10"), shown(merged));
    }

    @Test
    void updatesHandedOverDuringTheFirstReloadAreMergedIntoIt() {
        long now = 1_000_000_000_000L;
        Copy merged = Copy.merged(
                HEAD,
                LIVE,
                List.of(row("a", 1, 10), row("b", 4, 20)),
                now + 5,
                null,
                List.of(change("a", 2, 30, now), change("b", 3, 99, now), change("gone", 9, 1, now)));
        assertEquals(List.of("a 30", "b 20"), shown(merged));
    }

    @Test
    void aReloadKeepsTheObjectsOfEntriesThatDidNotChange() {
        Copy copy = copyOf(row("a", 1, 10), row("b", 1, 20));
        Copy same = Copy.merged(HEAD, LIVE, List.of(row("a", 1, 10), row("b", 1, 20)), 7, copy, List.of());
        assertSame(copy.sorted(), same.sorted());
        assertEquals(7, same.readAt());
        Copy moved = Copy.merged(HEAD, LIVE, List.of(row("a", 2, 30), row("b", 1, 20)), 8, copy, List.of());
        assertEquals(List.of("a 30", "b 20"), shown(moved));
        assertSame(copy.byId().get("b"), moved.byId().get("b"));
    }

    @Test
    void anOlderUpdateArrivingLateChangesNothing() {
        long now = 1_000_000_000_000L;
        Copy copy = copyOf(row("a", 5, 10)).with(List.of(change("a", 4, 30, now)));
        assertEquals(List.of("a 10"), shown(copy));
    }

    @Test
    void tiesGoToTheEarlierSubmissionThenTheId() {
        Row late = new Row("a", user(), mashup(), SUBMITTED.plusSeconds(1), false, 0, counts(10), counts(0), null, 0);
        Copy copy = copyOf(row("c", 0, 10), late, row("b", 0, 10));
        assertEquals(List.of("b 10", "c 10", "a 10"), shown(copy));
    }

    private static Copy copyOf(Row... rows) {
        return Copy.merged(HEAD, LIVE, List.of(rows), 0, null, List.of());
    }

    private static List<String> shown(Copy copy) {
        return copy.sorted().stream()
                .map(row -> row.id() + " " + row.live().score())
                .toList();
    }

    private static Row row(String id, long revision, long score) {
        return new Row(id, user(), mashup(), SUBMITTED, false, revision, counts(score), counts(0), null, 0);
    }

    private static Change change(String id, long revision, long score, long at) {
        return new Change("c", id, revision, counts(score), counts(0), at);
    }

    private static Counts counts(long plays) {
        return new Counts(plays, 0, 0, 0, plays);
    }

    private static PublicUser user() {
        return new PublicUser("u", null, null);
    }

    private static MashupRef mashup() {
        return new MashupRef("m", null, 0);
    }
}
