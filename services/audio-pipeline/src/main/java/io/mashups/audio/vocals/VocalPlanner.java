package io.mashups.audio.vocals;

import io.mashups.audio.dsp.MusicalKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Gives every syllable a note on the beat grid. Singing: a syllable on every beat (in lines of more than
 * {@value #CROWDED_LINE} syllables, two unstressed ones share a beat as eighths), the phrase's last held for two
 * beats, so the beat is as clear to a tempo tracker as to a listener; the melody is made of scale degrees in the key,
 * an arch from the tonic or fifth up and back to the tonic, or the reference's contour quantised to the scale. Rap: syllables on sixteenths (eighths when sixteenths would be shorter than {@value #SHORTEST_RAP_SEC} s),
 * stressed ones twice as long and on the beat where a sixteenth or two of stretching allows, on the tonic, the
 * unstressed ones a third (minor) or fifth (major) above. Each phrase starts on a downbeat and rests at least a beat.
 */
public final class VocalPlanner {
    static final double SHORTEST_RAP_SEC = 0.11;
    /** Lines longer than this sing pairs of unstressed syllables as eighths, so they fit their bars. */
    static final int CROWDED_LINE = 12;
    /**
     * Rap's unstressed syllables sit a step above the tonic that carries the stressed ones and the phrase ends: the
     * one inflection of its flat line. In minor, on the third, what tells minor from major (a voice on one note has a
     * major third among its harmonics); in major, on the fifth (on the third, the key would be heard as the mediant's
     * minor).
     */
    static final int MINOR_LILT = 2;

    static final int MAJOR_LILT = 4;

    private static final int[] MAJOR = {0, 2, 4, 5, 7, 9, 11};
    private static final int[] MINOR = {0, 2, 3, 5, 7, 8, 10};
    /** Below the tonic: degree -1, sung a semitone under the tonic in both modes (see {@link #degreeMidi}). */
    static final int LEADING_TONE = -1;

    private VocalPlanner() {}

    public static VocalPlan sing(
            List<List<Syllable>> lines,
            double bpm,
            MusicalKey key,
            VocalRegister register,
            MelodyContour reference,
            long seed) {
        double beat = 60 / bpm;
        Random random = new Random(seed);
        int tonic = register.tonicMidi(key.tonic());
        List<VocalPlan.Note> notes = new ArrayList<>();
        double bar = 4 * beat;
        double phraseStart = bar;
        for (int l = 0; l < lines.size(); l++) {
            List<Syllable> line = lines.get(l);
            int[] degrees = reference == null ? arch(line.size(), key.minor(), random) : null;
            boolean crowded = line.size() > CROWDED_LINE;
            double t = phraseStart;
            for (int s = 0; s < line.size(); s++) {
                boolean last = s == line.size() - 1;
                boolean pairedEighths = crowded
                        && s + 1 < line.size() - 1
                        && !line.get(s).stressed()
                        && !line.get(s + 1).stressed()
                        && onBeat(t - phraseStart, beat);
                double length = last ? 2 * beat : pairedEighths ? beat / 2 : beat;
                double midi = reference != null
                        ? quantise(reference.midiAt(t - bar, register), key)
                        : degreeMidi(tonic, key, degrees[s]);
                notes.add(new VocalPlan.Note(line.get(s), t, length, midi));
                if (pairedEighths) {
                    s++;
                    double next = reference != null
                            ? quantise(reference.midiAt(t + length - bar, register), key)
                            : degreeMidi(tonic, key, degrees[s]);
                    notes.add(new VocalPlan.Note(line.get(s), t + length, length, next));
                    length = beat;
                }
                t += length;
            }
            phraseStart = nextBar(t + beat, bar);
        }
        return new VocalPlan(bpm, key, phraseStart, notes);
    }

    public static VocalPlan rap(List<List<Syllable>> lines, double bpm, MusicalKey key, VocalRegister register) {
        int unitsPerBeat = 15 / bpm < SHORTEST_RAP_SEC ? 2 : 4;
        double unit = 60 / bpm / unitsPerBeat;
        double bar = 4 * 60 / bpm;
        int tonic = register.tonicMidi(key.tonic());
        int lilt = key.minor() ? MINOR_LILT : MAJOR_LILT;
        List<VocalPlan.Note> notes = new ArrayList<>();
        double phraseStart = bar;
        for (List<Syllable> line : lines) {
            int at = 0;
            for (int s = 0; s < line.size(); s++) {
                boolean last = s == line.size() - 1;
                int units = line.get(s).stressed() || last ? 2 : 1;
                // a stressed syllable lands on the beat when the one before can stretch by a sixteenth or two:
                // the accents then mark the beat, for a listener and for a tempo tracker
                int toBeat = Math.floorMod(-(at + units), unitsPerBeat);
                if (!last && line.get(s + 1).stressed() && toBeat <= 2) {
                    units += toBeat;
                }
                double midi = degreeMidi(tonic, key, last || line.get(s).stressed() ? 0 : lilt);
                notes.add(new VocalPlan.Note(line.get(s), phraseStart + at * unit, units * unit, midi));
                at += units;
            }
            double t = phraseStart + at * unit;
            phraseStart = nextBar(t + 60 / bpm, bar);
        }
        return new VocalPlan(bpm, key, phraseStart, notes);
    }

    /** The MIDI pitch of a scale degree (0 = tonic, negative below it, 7 = the octave). */
    static double degreeMidi(int tonicMidi, MusicalKey key, int degree) {
        if (degree == LEADING_TONE) {
            return tonicMidi - 1;
        }
        int[] scale = key.minor() ? MINOR : MAJOR;
        return tonicMidi + scale[Math.floorMod(degree, 7)] + 12 * Math.floorDiv(degree, 7);
    }

    /** The nearest note of the key's scale. */
    static double quantise(double midi, MusicalKey key) {
        int[] scale = key.minor() ? MINOR : MAJOR;
        double best = Math.round(midi);
        double distance = Double.MAX_VALUE;
        for (int octave = -1; octave <= 1; octave++) {
            for (int step : scale) {
                double candidate = Math.floor(midi / 12) * 12 + 12 * octave + Math.floorMod(key.tonic() + step, 12);
                if (Math.abs(candidate - midi) < distance) {
                    distance = Math.abs(candidate - midi);
                    best = candidate;
                }
            }
        }
        return best;
    }

    /**
     * A phrase's degrees: from the tonic or the fifth up to a peak about 60% in, then down to the tonic, moving by
     * steps and small leaps. Phrases that start and end on the tonic, held longest, make the key unmistakable (a
     * minor melody leaning on its third would be heard in the relative major); a minor phrase reaches its tonic
     * through the raised seventh, as a harmonic-minor cadence does.
     */
    static int[] arch(int length, boolean minor, Random random) {
        int[] degrees = new int[length];
        int start = random.nextBoolean() ? 0 : 4;
        int peak = start + 2 + random.nextInt(3);
        int peakAt = (int) Math.round(0.6 * (length - 1));
        for (int i = 0; i < length; i++) {
            double shape = i <= peakAt
                    ? start + (peak - start) * (peakAt == 0 ? 1 : (double) i / peakAt)
                    : peak + (0 - peak) * (double) (i - peakAt) / (length - 1 - peakAt);
            int wobble = random.nextInt(5) == 0 ? random.nextInt(3) - 1 : 0;
            degrees[i] = (int) Math.round(shape) + wobble;
        }
        if (length > 2) {
            degrees[length - 2] = minor ? LEADING_TONE : 1;
        }
        degrees[length - 1] = 0;
        return degrees;
    }

    private static boolean onBeat(double sinceDownbeat, double beat) {
        double beats = sinceDownbeat / beat;
        return Math.abs(beats - Math.round(beats)) < 1e-6;
    }

    private static double nextBar(double t, double bar) {
        return Math.ceil(t / bar - 1e-9) * bar;
    }
}
