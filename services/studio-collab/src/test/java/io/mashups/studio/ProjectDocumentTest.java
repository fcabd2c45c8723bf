package io.mashups.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mashups.studio.client.Ops;
import io.mashups.studio.document.FractionalIndex;
import io.mashups.studio.document.OpRejected;
import io.mashups.studio.document.ProjectDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The document's rules: order keys, last writer wins in server order, tombstones, snapshots that restore exactly. */
class ProjectDocumentTest {
    @Test
    void thereIsAlwaysAKeyBetweenTwoKeys() {
        Random random = new Random(7);
        List<String> keys = new ArrayList<>(List.of(FractionalIndex.between(null, null)));
        for (int i = 0; i < 3000; i++) {
            int at = random.nextInt(keys.size() + 1);
            String before = at == 0 ? null : keys.get(at - 1);
            String after = at == keys.size() ? null : keys.get(at);
            String key = FractionalIndex.between(before, after);
            assertTrue(FractionalIndex.valid(key), key);
            assertTrue(
                    (before == null || before.compareTo(key) < 0) && (after == null || key.compareTo(after) < 0),
                    before + " < " + key + " < " + after);
            keys.add(at, key);
        }
        assertTrue(keys.stream().allMatch(k -> k.length() <= 64), "keys stay short under random inserts");
    }

    /** What the studio does most: a track added after the last one, a thousand times (the chaos run's project). */
    @Test
    void appendingAThousandTimesKeepsKeysValid() {
        String last = FractionalIndex.between(null, null);
        for (int i = 0; i < 1000; i++) {
            String next = FractionalIndex.between(last, null);
            assertTrue(FractionalIndex.valid(next) && last.compareTo(next) < 0, last + " then " + next);
            last = next;
        }
    }

    @Test
    void theLastWriterInServerOrderWinsAndRemovedThingsStayRemoved() {
        ProjectDocument document = new ProjectDocument();
        document.apply(Ops.addTrack("bass", "Bass"), 1);
        document.apply(Ops.addClip("bass", "riff", 0, 4), 2);
        document.apply(Ops.set("track", "bass", "volume", 0.3), 3);
        document.apply(Ops.set("track", "bass", "volume", 0.7), 4);
        assertEquals(0.7, document.view().at("/tracks/0/volume").asDouble());

        document.apply(Ops.op("removeTrack").put("trackId", "bass"), 5);
        assertEquals(0, document.view().get("tracks").size());
        assertEquals(
                OpRejected.NOT_FOUND,
                assertThrows(OpRejected.class, () -> document.apply(Ops.set("track", "bass", "pan", 0.5), 6))
                        .code());
        assertEquals(
                OpRejected.NOT_FOUND,
                assertThrows(
                                OpRejected.class,
                                () -> document.apply(
                                        Ops.op("moveClip").put("clipId", "riff").put("start", 2), 7))
                        .code(),
                "its clips went with it");
        assertEquals(
                OpRejected.CONFLICT,
                assertThrows(OpRejected.class, () -> document.apply(Ops.addTrack("bass", "Again"), 8))
                        .code(),
                "a removed id never comes back");
        assertEquals(
                OpRejected.INVALID,
                assertThrows(
                                OpRejected.class,
                                () -> document.apply(Ops.addTrack("x", "X").put("pan", 3), 9))
                        .code());
        assertEquals(
                OpRejected.UNKNOWN,
                assertThrows(OpRejected.class, () -> document.apply(Ops.op("teleport"), 10))
                        .code());
    }

    @Test
    void tracksFollowTheirOrderKeysAndTransportRunsOnServerTime() {
        ProjectDocument document = new ProjectDocument();
        document.apply(Ops.addTrack("a", "A"), 1);
        document.apply(Ops.addTrack("b", "B"), 2);
        document.apply(Ops.addTrack("c", "C"), 3);
        String first = document.view().at("/tracks/0/order").asText();
        document.apply(Ops.op("moveTrack").put("trackId", "c").put("order", FractionalIndex.between(null, first)), 4);
        assertEquals("c", document.view().at("/tracks/0/id").asText());

        document.apply(Ops.op("transport").put("action", "play").put("positionSec", 10), 1_000);
        document.apply(Ops.op("transport").put("action", "pause"), 3_500);
        JsonNode transport = document.view().get("transport");
        assertEquals(12.5, transport.get("positionSec").asDouble(), 1e-9, "2.5 s of play from 10 s");
        assertEquals(false, transport.get("playing").asBoolean());
    }

    @Test
    void theSameOpsInTheSameOrderGiveTheSameDocumentAndSnapshotsRestoreIt() {
        for (int seed = 0; seed < 50; seed++) {
            Random random = new Random(seed);
            ProjectDocument one = new ProjectDocument();
            ProjectDocument two = new ProjectDocument();
            ProjectDocument restored = null;
            int refused = 0;
            for (int i = 0; i < 400; i++) {
                JsonNode op = Ops.random(random);
                boolean taken = apply(one, op, i);
                assertEquals(taken, apply(two, op, i), "refused alike");
                if (restored != null) {
                    apply(restored, op, i);
                }
                refused += taken ? 0 : 1;
                if (i == 200) {
                    restored = ProjectDocument.fromSnapshot(one.snapshot());
                    assertEquals(one.snapshot(), restored.snapshot());
                }
            }
            assertEquals(one.view(), two.view());
            assertEquals(one.snapshot(), restored.snapshot(), "a snapshot and the ops after it give the same document");
            assertTrue(refused > 0 && refused < 400);
        }
    }

    private static boolean apply(ProjectDocument document, JsonNode op, long time) {
        try {
            document.apply(op, time);
            return true;
        } catch (OpRejected rejected) {
            return false;
        }
    }
}
