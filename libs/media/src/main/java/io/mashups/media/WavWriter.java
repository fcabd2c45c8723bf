package io.mashups.media;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Streams 32-bit float WAV; the header's sizes are filled in on close. */
public final class WavWriter implements Closeable {
    private static final int HEADER_BYTES = 44;
    private final FileChannel channel;
    private final int channels;
    private final int sampleRate;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    private long dataBytes;

    public WavWriter(Path file, int channels, int sampleRate) throws IOException {
        this.channel = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        this.channels = channels;
        this.sampleRate = sampleRate;
        channel.write(header(0));
    }

    /** Writes {@code count} frames from {@code samples[channel][offset..]}. */
    public void write(float[][] samples, int offset, int count) throws IOException {
        for (int i = offset; i < offset + count; i++) {
            if (buffer.remaining() < 4 * channels) {
                flush();
            }
            for (int c = 0; c < channels; c++) {
                buffer.putFloat(samples[c][i]);
            }
        }
    }

    private void flush() throws IOException {
        buffer.flip();
        dataBytes += buffer.remaining();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }

    private ByteBuffer header(long data) {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        int bytesPerFrame = 4 * channels;
        header.put("RIFF".getBytes())
                .putInt((int) Math.min(0xFFFFFFFFL, 36 + data))
                .put("WAVE".getBytes())
                .put("fmt ".getBytes())
                .putInt(16)
                .putShort((short) 3)
                .putShort((short) channels)
                .putInt(sampleRate)
                .putInt(sampleRate * bytesPerFrame)
                .putShort((short) bytesPerFrame)
                .putShort((short) 32)
                .put("data".getBytes())
                .putInt((int) Math.min(0xFFFFFFFFL, data));
        return header.flip();
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
            channel.write(header(dataBytes), 0);
        } finally {
            channel.close();
        }
    }
}
