package io.mashups.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InstantsTest {
    /** The reader every service had before: java.time's alone. */
    private static final ObjectMapper JAVA_TIME = new ObjectMapper().registerModule(new JavaTimeModule());

    record Stamped(Instant at) {}

    /** The instant read, or the kind of failure. */
    private static Object read(ObjectMapper mapper, String json) {
        try {
            return mapper.readValue(json, Stamped.class);
        } catch (Exception e) {
            return e.getClass();
        }
    }

    @Test
    void readsWhatJavaTimeReadsTheSame() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            // nanoseconds, micro-, milliseconds and whole seconds, from 1970 to 2100
            long nanos = random.nextLong(4_102_444_800_000_000_000L);
            nanos -= nanos % (long) Math.pow(10, 3 * random.nextInt(4));
            Instant instant = Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L);
            for (String text : new String[] {
                instant.toString(),
                OffsetDateTime.ofInstant(instant, java.time.ZoneOffset.ofHours(-5))
                        .toString()
            }) {
                String json = "{\"at\":\"" + text + "\"}";
                assertEquals(read(JAVA_TIME, json), read(Json.mapper(), json), text);
                // what the capture took before: OffsetDateTime's parser
                assertEquals(instant, Instants.parse(text), text);
            }
        }
    }

    @Test
    void whatTheFastReaderDoesNotTakeGoesTheJavaTimeWay() throws Exception {
        for (String json : new String[] {
            "{\"at\":\"2026-12-07T04:44Z\"}", // no seconds: ISO 8601, not RFC 3339
            "{\"at\":\"+10000-01-01T00:00:00Z\"}", // past year 9999
            "{\"at\":1796616402.5}", // epoch seconds
            "{\"at\":1796616402}",
            "{\"at\":\"\"}",
            "{\"at\":null}"
        }) {
            assertEquals(read(JAVA_TIME, json), read(Json.mapper(), json), json);
        }
        assertNull(Json.mapper().readValue("{\"at\":\"\"}", Stamped.class).at());
        assertEquals(
                Instant.parse("2026-12-07T04:04:01.5Z"),
                Json.mapper().readValue("{\"at\":1796616241.5}", Stamped.class).at());
        assertEquals(Instant.parse("2026-12-07T04:44:00Z"), Instants.parse("2026-12-07T04:44Z"));
    }

    @Test
    void refusesWhatJavaTimeRefuses() {
        for (String text : new String[] {
            "2026-13-07T04:44:29Z",
            "2026-12-07 04:44",
            "2026-12-07 04:44:29Z",
            "2026-12-07 04:44:29.5+01:00",
            "yesterday",
            "2026-12-07T04:44:29"
        }) {
            assertThrows(DateTimeException.class, () -> Instants.parse(text), text);
            assertThrows(
                    InvalidFormatException.class,
                    () -> Json.mapper().readValue("{\"at\":\"" + text + "\"}", Stamped.class),
                    text);
        }
    }
}
