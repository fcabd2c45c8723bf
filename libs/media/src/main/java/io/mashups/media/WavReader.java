package io.mashups.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a whole WAV file (16-bit integer or 32-bit float PCM, what espeak-ng, rubberband and {@link WavWriter}
 * write) as mono samples, without a process per file.
 */
public final class WavReader {
    /** Samples of a mono file, or the mean of the channels, and the rate they were recorded at. */
    public record Mono(float[] samples, int sampleRate) {}

    public static Mono mono(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.remaining() < 12 || bytes.getInt(0) != 0x46464952 || bytes.getInt(8) != 0x45564157) {
            throw new IOException(file.getFileName() + " is not a WAV file");
        }
        int format = -1;
        int channels = 0;
        int sampleRate = 0;
        int bits = 0;
        int position = 12;
        while (position + 8 <= bytes.limit()) {
            int id = bytes.getInt(position);
            long size = Integer.toUnsignedLong(bytes.getInt(position + 4));
            int body = position + 8;
            if (id == 0x20746d66) { // "fmt "
                format = bytes.getShort(body) & 0xffff;
                channels = bytes.getShort(body + 2);
                sampleRate = bytes.getInt(body + 4);
                bits = bytes.getShort(body + 14);
            } else if (id == 0x61746164) { // "data"
                int end = (int) Math.min(bytes.limit(), body + size);
                return new Mono(samples(bytes, body, end, format, channels, bits), sampleRate);
            }
            position = (int) (body + size + (size & 1));
        }
        throw new IOException(file.getFileName() + " has no audio data");
    }

    private static float[] samples(ByteBuffer bytes, int from, int to, int format, int channels, int bits)
            throws IOException {
        boolean float32 = format == 3 && bits == 32;
        boolean int16 = format == 1 && bits == 16;
        if (!(float32 || int16) || channels < 1) {
            throw new IOException("only 16-bit or float WAV is read, not format " + format + "/" + bits + " bits");
        }
        int width = bits / 8;
        int frames = (to - from) / (width * channels);
        float[] mono = new float[frames];
        for (int f = 0; f < frames; f++) {
            float sum = 0;
            for (int c = 0; c < channels; c++) {
                int at = from + (f * channels + c) * width;
                sum += float32 ? bytes.getFloat(at) : bytes.getShort(at) / 32768f;
            }
            mono[f] = sum / channels;
        }
        return mono;
    }

    private WavReader() {}
}
