package io.mashups.audio.vocals;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Syllables cut from the phones flite printed for a line ({@code flite -psdur}, copied from its output). */
class SpokenSyllablesTest {
    private static final int RATE = 1000; // one sample a millisecond: positions read as milliseconds

    /** "straight from the streets" as flite's awb voice said it. */
    private static final String STRAIGHT =
            "pau:0.253 s:0.329 t:0.383 r:0.440 ey:0.525 t:0.595 f:0.673 r:0.712 ah:0.740 m:0.809 dh:0.848 ax:0.881"
                    + " s:1.020 t:1.111 r:1.174 iy:1.297 t:1.390 s:1.584 pau:1.663 \n";

    @Test
    void flitesPhonesAreReadWithTheirEnds() {
        List<SpokenSyllables.Phone> phones = SpokenSyllables.parse(STRAIGHT);
        assertEquals(19, phones.size());
        assertEquals(new SpokenSyllables.Phone("s", 0.329), phones.get(1));
        assertEquals(new SpokenSyllables.Phone("pau", 1.663), phones.get(18));
        assertEquals(List.of(), SpokenSyllables.parse(""));
    }

    /**
     * Each syllable begins where its vowel does: "straight" at its start, "from" at "ah" (after "t f r"), "the" at
     * "ax", "streets" at "iy"; positions count from where the speech was cut out of flite's output (here its first
     * consonant, at 253 ms).
     */
    @Test
    void syllablesBeginAtTheirVowels() {
        int[] starts = SpokenSyllables.starts(SpokenSyllables.parse(STRAIGHT), 4, RATE, 253, 1410);
        assertArrayEquals(new int[] {0, 712 - 253, 848 - 253, 1174 - 253}, starts);
    }

    /**
     * flite says "fire" with two vowels (f-ay-er): with one syllable fewer than vowels, the two vowels with nothing
     * between them are one syllable, not the shortest pair elsewhere.
     */
    @Test
    void vowelsWithNothingBetweenMergeFirst() {
        String fireInTheSky = "pau:0.254 f:0.421 ay:0.596 er:0.705 ih:0.772 n:0.840 dh:0.879 ax:0.912 s:1.085"
                + " k:1.196 ay:1.415 pau:1.555";
        int[] starts = SpokenSyllables.starts(SpokenSyllables.parse(fireInTheSky), 4, RATE, 254, 1200);
        assertArrayEquals(new int[] {0, 705 - 254, 879 - 254, 1196 - 254}, starts);
    }

    /** Asked for more syllables than vowels, the longest are halved; every start comes after the one before. */
    @Test
    void missingSyllablesHalveTheLongest() {
        int[] starts = SpokenSyllables.starts(SpokenSyllables.parse(STRAIGHT), 6, RATE, 253, 1410);
        assertEquals(6, starts.length);
        assertEquals(0, starts[0]);
        for (int i = 1; i < starts.length; i++) {
            assertTrue(starts[i] > starts[i - 1] && starts[i] < 1410, "in order, inside the line: " + starts[i]);
        }
        assertArrayEquals(new int[] {0}, SpokenSyllables.starts(SpokenSyllables.parse(STRAIGHT), 1, RATE, 253, 1410));
        assertArrayEquals(new int[] {0, 1}, SpokenSyllables.starts(List.of(), 2, RATE, 0, 2));
    }
}
