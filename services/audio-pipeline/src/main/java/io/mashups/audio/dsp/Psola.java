package io.mashups.audio.dsp;

/**
 * Puts a voice on one pitch without changing its length, by pitch-synchronous overlap-add (TD-PSOLA): grains two
 * periods long, cut around each glottal pulse of the input, are laid one target period apart, so every voiced
 * stretch comes out at exactly the target pitch while each grain keeps the formants (the vowel) of the original.
 * Unvoiced stretches (consonants) are copied grain for grain. rubberband's pitch map cannot do this: it follows a
 * map keyed to input frames from a real-time shifter, which lagged espeak-ng's falling contour by up to a semitone.
 */
public final class Psola {
    private static final int HOP = 64;
    private static final int BRIDGED_FRAMES = 12;
    private static final double UNVOICED_PERIOD_SEC = 0.005;

    private Psola() {}

    /** The input held at {@code targetHz}; its own pitch is looked for between {@code minHz} and {@code maxHz}. */
    public static float[] retune(float[] input, int sampleRate, double targetHz, double minHz, double maxHz) {
        PitchTracker tracker = new PitchTracker(sampleRate, minHz, maxHz);
        double[] period = periods(tracker.track(input, HOP), input.length, sampleRate, tracker.window() / 2);
        int unvoiced = (int) Math.round(UNVOICED_PERIOD_SEC * sampleRate);
        double[] out = new double[input.length];
        double[] weight = new double[input.length];
        double targetPeriod = sampleRate / targetHz;
        int[] marks = analysisMarks(input, period, unvoiced);
        double t = marks.length == 0 ? input.length : marks[0];
        while (t < input.length) {
            int position = Math.min(input.length - 1, (int) Math.round(t));
            int mark = nearest(marks, position);
            boolean voiced = period[position] > 0;
            int half = voiced ? (int) Math.round(period[mark]) : unvoiced;
            addGrain(input, out, weight, mark, position, half);
            t += voiced ? targetPeriod : unvoiced;
        }
        float[] result = new float[input.length];
        for (int i = 0; i < result.length; i++) {
            // dividing by less than one would boost the gaps between grains when the pitch goes down
            result[i] = (float) (out[i] / Math.max(1, weight[i]));
        }
        return result;
    }

    /**
     * The period in samples at every sample (0 where unvoiced), from the tracked frames: median-smoothed, and
     * bridged over gaps of up to {@value #BRIDGED_FRAMES} frames where a rough voice left the tracker unsure.
     */
    private static double[] periods(double[] tracked, int length, int sampleRate, int offset) {
        double[] smooth = new double[tracked.length];
        for (int f = 0; f < tracked.length; f++) {
            double[] around = new double[7];
            int voiced = 0;
            for (int k = -3; k <= 3; k++) {
                int at = Math.max(0, Math.min(tracked.length - 1, f + k));
                if (tracked[at] > 0) {
                    around[voiced++] = tracked[at];
                }
            }
            java.util.Arrays.sort(around, 0, voiced);
            smooth[f] = tracked[f] > 0 && voiced >= 2 ? around[voiced / 2] : 0;
        }
        int lastVoiced = -1;
        for (int f = 0; f < smooth.length; f++) {
            if (smooth[f] <= 0) {
                continue;
            }
            if (lastVoiced >= 0 && f - lastVoiced > 1 && f - lastVoiced <= BRIDGED_FRAMES) {
                for (int g = lastVoiced + 1; g < f; g++) {
                    double along = (double) (g - lastVoiced) / (f - lastVoiced);
                    smooth[g] = smooth[lastVoiced] + along * (smooth[f] - smooth[lastVoiced]);
                }
            }
            lastVoiced = f;
        }
        double[] period = new double[length];
        for (int i = 0; i < length; i++) {
            int frame = (i - offset) / HOP;
            frame = Math.max(0, Math.min(smooth.length - 1, frame));
            period[i] = smooth.length == 0 || smooth[frame] <= 0 ? 0 : sampleRate / smooth[frame];
        }
        return period;
    }

    /**
     * Pulse positions: in a voiced stretch, the first waveform peak and then one period after another (picking a
     * peak for every pulse flips between a pulse's two peaks and halves the pitch heard); every few ms elsewhere.
     */
    private static int[] analysisMarks(float[] input, double[] period, int unvoiced) {
        java.util.List<Integer> marks = new java.util.ArrayList<>();
        int i = 0;
        boolean inVoice = false;
        while (i < input.length) {
            if (period[i] <= 0) {
                marks.add(i);
                inVoice = false;
                i += unvoiced;
                continue;
            }
            if (!inVoice) {
                int peak = i;
                for (int k = i; k < Math.min(input.length, i + (int) Math.round(period[i])); k++) {
                    if (Math.abs(input[k]) > Math.abs(input[peak])) {
                        peak = k;
                    }
                }
                i = peak;
                inVoice = true;
            }
            marks.add(i);
            i += Math.max(1, (int) Math.round(period[i]));
        }
        return marks.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int nearest(int[] marks, int position) {
        int index = java.util.Arrays.binarySearch(marks, position);
        if (index >= 0) {
            return marks[index];
        }
        int after = -index - 1;
        if (after == 0) {
            return marks[0];
        }
        if (after == marks.length) {
            return marks[marks.length - 1];
        }
        return position - marks[after - 1] <= marks[after] - position ? marks[after - 1] : marks[after];
    }

    /** A Hann-windowed grain of the input around {@code mark}, added around {@code position}. */
    private static void addGrain(float[] input, double[] out, double[] weight, int mark, int position, int half) {
        for (int k = -half; k <= half; k++) {
            int from = mark + k;
            int to = position + k;
            if (from < 0 || from >= input.length || to < 0 || to >= out.length) {
                continue;
            }
            double window = 0.5 + 0.5 * Math.cos(Math.PI * k / (half + 1));
            out[to] += window * input[from];
            weight[to] += window;
        }
    }
}
