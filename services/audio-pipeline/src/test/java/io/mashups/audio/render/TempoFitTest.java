package io.mashups.audio.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The mix tempo over the whole band of tempos that fits, never outside the API's range. */
class TempoFitTest {

    @Test
    void findsTheBandTheGeometricMeanMisses() {
        // the pairs a user's test found refused: 186 and 139 fit at 158-160, 60 and 80 at 68-69
        TempoFit.Choice fast = TempoFit.choose(186, List.of(139.0));
        assertTrue(fast.bpm() >= 158.1 && fast.bpm() <= 159.9, "186 over 139: " + fast);
        assertEquals(List.of(), fast.compromises());
        TempoFit.Choice slow = TempoFit.choose(60, List.of(80.0));
        assertTrue(slow.bpm() >= 68 && slow.bpm() <= 69, "60 over 80: " + slow);
        assertEquals(List.of(), slow.compromises());
    }

    @Test
    void keepsTheInstrumentalsTempoWhenTheVocalCanReachIt() {
        TempoFit.Choice fit = TempoFit.choose(96, List.of(104.0));
        assertEquals(104, fit.bpm(), 1e-9);
        assertEquals(List.of(1.0, 1.0), fit.multiples());
        TempoFit.Choice halfTime = TempoFit.choose(70, List.of(150.0));
        assertEquals(150, halfTime.bpm(), 1e-9, "the vocal counted in double time: " + halfTime);
        assertEquals(2.0, halfTime.multiples().get(0));
    }

    @Test
    void everyVocal50To220OverABand60To200MixesInRangeWithTheVocalStretchedAtMost25Percent() {
        int compromised = 0;
        int bandBeyondClean = 0;
        for (double vocal = 50; vocal <= 220; vocal += 0.5) {
            for (double bed = 60; bed <= 200; bed += 0.5) {
                TempoFit.Choice fit = TempoFit.choose(vocal, List.of(bed));
                String pair = vocal + " over " + bed + ": " + fit;
                assertTrue(fit.bpm() >= 60 && fit.bpm() <= 200, pair);
                double vocalStretch =
                        TempoFit.stretch(fit.bpm(), vocal * fit.multiples().get(0));
                double bedStretch =
                        TempoFit.stretch(fit.bpm(), bed * fit.multiples().get(1));
                // near the range's ends the band may give up to 25% (67 over 197.5 meets at 167.5)
                assertTrue(bedStretch <= 0.25 + 1e-9, pair);
                bandBeyondClean += bedStretch > 0.15 + 1e-9 ? 1 : 0;
                assertTrue(vocalStretch <= 0.25 + 1e-9, pair);
                assertEquals(
                        vocalStretch > 0.15 + 1e-9 || bedStretch > 0.15 + 1e-9,
                        !fit.compromises().isEmpty(),
                        pair);
                assertEquals(1.0, fit.multiples().get(1), "the band keeps its own beat: " + pair);
                compromised += fit.compromises().isEmpty() ? 0 : 1;
            }
        }
        // about one pair in five lies where no tempo keeps both within 15%; each says what it did
        assertTrue(compromised > 0, "some pairs need the vocal stretched further");
        System.out.printf(
                "vocals at 50-220 BPM over bands at 60-200: %d of %d beyond clean stretch, %d of them with the band beyond 15%%%n",
                compromised, 341 * 281, bandBeyondClean);
        assertTrue(bandBeyondClean < 341 * 281 / 100, "the band gives more than 15% only at the range's ends");
    }

    @Test
    void aBandOutsideTheRangeIsBroughtIntoItAndSaysSo() {
        TempoFit.Choice slow = TempoFit.choose(83.5, List.of(50.0));
        assertEquals(60, slow.bpm(), 1e-9);
        assertEquals(2, slow.compromises().size(), slow.toString());
        TempoFit.Choice fast = TempoFit.choose(110, List.of(219.0));
        assertTrue(fast.bpm() <= 200, fast.toString());
    }

    @Test
    void aVocalBeyondTheCleanBandIsStretchedFurtherAndSaysSo() {
        TempoFit.Choice fit = TempoFit.choose(100, List.of(141.0));
        assertTrue(TempoFit.stretch(fit.bpm(), 141) <= 0.15 + 1e-9, fit.toString());
        assertEquals(1, fit.compromises().size(), fit.toString());
        assertTrue(fit.compromises().get(0).startsWith("the vocal is time-stretched by 2"), fit.toString());
    }

    @Test
    void instrumentalsThatDisagreeMeetInTheMiddleAndSaySo() {
        TempoFit.Choice fit = TempoFit.choose(100, List.of(100.0, 141.0));
        assertTrue(fit.bpm() >= 60 && fit.bpm() <= 200);
        double first = TempoFit.stretch(fit.bpm(), 100 * fit.multiples().get(1));
        double second = TempoFit.stretch(fit.bpm(), 141 * fit.multiples().get(2));
        assertTrue(first <= 0.25 && second <= 0.25, fit.toString());
        assertTrue(
                fit.compromises().stream().anyMatch(said -> said.startsWith("the instrumentals are time-stretched")),
                fit.toString());
    }

    @Test
    void aTempoAskedForCountsEachSourceAtItsNearestMultiple() {
        TempoFit.Choice fit = TempoFit.at(140, 72, List.of(136.0));
        assertEquals(List.of(2.0, 1.0), fit.multiples());
        assertEquals(List.of(), fit.compromises());
    }
}
