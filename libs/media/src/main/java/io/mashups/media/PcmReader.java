package io.mashups.media;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads interleaved 32-bit little-endian float PCM (ffmpeg's {@code -f f32le}) frame by frame from a file. */
public final class PcmReader implements Closeable {
    private final InputStream in;
    private final int channels;
    private final byte[] bytes;
    private final ByteBuffer buffer;

    public PcmReader(Path file, int channels) throws IOException {
        this.in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        this.channels = channels;
        this.bytes = new byte[4 * channels * 4096];
        this.buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A whole mono {@code f32le} file. */
    public static float[] mono(Path file) throws IOException {
        java.nio.FloatBuffer floats = ByteBuffer.wrap(Files.readAllBytes(file))
                .order(ByteOrder.LITTLE_ENDIAN)
                .asFloatBuffer();
        float[] samples = new float[floats.remaining()];
        floats.get(samples);
        return samples;
    }

    public int channels() {
        return channels;
    }

    /**
     * Fills {@code frames[channel][offset..offset+count)} with the next samples; returns how many frames were read,
     * fewer than asked only at the end of the file (and 0 after it).
     */
    public int read(float[][] frames, int offset, int count) throws IOException {
        int done = 0;
        while (done < count) {
            int want = Math.min(count - done, bytes.length / (4 * channels));
            int got = in.readNBytes(bytes, 0, want * 4 * channels);
            int whole = got / (4 * channels);
            buffer.clear();
            for (int f = 0; f < whole; f++) {
                for (int c = 0; c < channels; c++) {
                    frames[c][offset + done + f] = buffer.getFloat();
                }
            }
            done += whole;
            if (whole < want) {
                break;
            }
        }
        return done;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
