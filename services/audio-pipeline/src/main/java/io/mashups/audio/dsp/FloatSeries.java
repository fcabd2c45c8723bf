package io.mashups.audio.dsp;

import java.util.Arrays;

/** A growable array of floats: per-frame features of a song, small next to its samples. */
final class FloatSeries {
    private float[] values = new float[1024];
    private int size;

    void add(double value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = (float) value;
    }

    float[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
