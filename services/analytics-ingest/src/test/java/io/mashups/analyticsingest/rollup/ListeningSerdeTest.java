package io.mashups.analyticsingest.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mashups.events.EventJson;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class ListeningSerdeTest {
    private static final String[] SOURCES = {null, "feed", "tiktok.com", "search"};
    private static final String[] COUNTRIES = {null, "DE", "BR"};

    private static final ListeningRules RULES = new ListeningRules(30_000, 3);

    @Test
    void everyEventSessionAndTallyReadsBackAsItWasWritten() {
        SplittableRandom random = new SplittableRandom(7);
        for (int n = 0; n < 2_000; n++) {
            List<Sample> samples = session(random, 1 + random.nextInt(80));
            Listening session = Listening.of(samples, RULES);
            for (Sample sample : samples) {
                assertEquals(sample, ListeningSerde.readSample(ListeningSerde.write(sample)));
            }
            assertEquals(session, ListeningSerde.readSession(ListeningSerde.write(session)));
            for (Counted counted : List.of(new Counted(session), new Counted(null))) {
                assertEquals(counted, roundTrip(ListeningSerde.counted(), counted));
            }
            Tally tally = session.tally(RULES).plus(Listening.of(samples.get(0)).tally(RULES));
            assertEquals(tally, ListeningSerde.readTally(ListeningSerde.write(tally)));
        }
    }

    @Test
    void talliesStoredAsJsonByAnOlderReleaseAreStillRead() {
        Tally tally = Listening.of(session(new SplittableRandom(11), 12), RULES).tally(RULES);
        assertEquals(tally, ListeningSerde.tallies().deserializer().deserialize("t", EventJson.write(tally)));
    }

    @Test
    void anUnknownFormatIsAnErrorNotAWrongSession() {
        byte[] future = ListeningSerde.write(Listening.of(session(new SplittableRandom(3), 2), RULES));
        future[0] = 9;
        assertThrows(IllegalStateException.class, () -> ListeningSerde.readSession(future));
    }

    private static <T> T roundTrip(Serde<T> serde, T value) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", value));
    }

    /** Events with and without positions and lengths, ends, negative positions, sources and countries changing. */
    private static List<Sample> session(SplittableRandom random, int size) {
        List<Sample> samples = new ArrayList<>();
        long at = 1_780_000_000_000L + random.nextLong(1_000_000_000L);
        for (int i = 0; i < size; i++) {
            at += random.nextLong(20_000);
            samples.add(new Sample(
                    at,
                    "e-" + i + "-" + random.nextInt(1000),
                    random.nextInt(5) == 0 ? null : random.nextLong(-1_000, 600_000),
                    random.nextInt(4) == 0 ? null : random.nextLong(1, 600_000),
                    random.nextInt(6) == 0,
                    SOURCES[random.nextInt(random.nextInt(8) == 0 ? SOURCES.length : 2)],
                    COUNTRIES[random.nextInt(random.nextInt(8) == 0 ? COUNTRIES.length : 2)]));
        }
        return List.copyOf(samples);
    }
}
