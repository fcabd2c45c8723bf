package io.mashups.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SortedWindowsTest {
    /** Slides a window of up to {@code width} values over random data, as the separator does, against sorting anew. */
    @Test
    void slidingMedianIsTheMiddleOfTheSortedWindowAtEveryPosition() {
        SplittableRandom random = new SplittableRandom(7);
        for (int width : new int[] {1, 2, 17, 41}) {
            // few distinct values, so windows hold duplicates, and the edges where windows are shorter
            double[] data = random.doubles(2_000, 0, 8).map(Math::floor).toArray();
            StereoSeparation.SortedWindows windows = new StereoSeparation.SortedWindows(1, width);
            for (int i = 0; i < data.length; i++) {
                windows.add(0, data[i]);
                if (i - width >= 0) {
                    windows.remove(0, data[i - width]);
                }
                double[] expected = Arrays.copyOfRange(data, Math.max(0, i - width + 1), i + 1);
                Arrays.sort(expected);
                assertEquals(expected[expected.length / 2], windows.median(0), "width " + width + " at " + i);
            }
        }
    }
}
