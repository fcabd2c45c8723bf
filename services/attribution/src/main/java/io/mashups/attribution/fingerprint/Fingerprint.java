package io.mashups.attribution.fingerprint;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A reference track's triplets as the index keeps them, one long each: hash key, anchor frame (22 bits, 18 hours),
 * span (6 bits) and anchor pitch in 1/32 semitone (12 bits). {@link #bytes()} is the stored form.
 */
public final class Fingerprint {
    static final int FRAME_BITS = 22;
    static final int SPAN_BITS = 6;
    static final int PITCH_BITS = 12;
    static final int PAYLOAD_BITS = FRAME_BITS + SPAN_BITS + PITCH_BITS;
    static final float PITCH_STEPS = 32;
    private final long[] codes;
    private final int frames;

    private Fingerprint(long[] codes, int frames) {
        this.codes = codes;
        this.frames = frames;
    }

    public static Fingerprint of(List<Triplet> triplets, int frames) {
        long[] codes = new long[triplets.size()];
        for (int i = 0; i < codes.length; i++) {
            Triplet t = triplets.get(i);
            codes[i] = ((long) TripletHash.key(t) << PAYLOAD_BITS) | payload(t);
        }
        return new Fingerprint(codes, frames);
    }

    /** Anchor frame, span and pitch packed in the low {@link #PAYLOAD_BITS} bits. */
    static long payload(Triplet t) {
        long frame = Math.min(t.anchorFrame(), (1 << FRAME_BITS) - 1);
        long pitch = Math.max(0, Math.min((1 << PITCH_BITS) - 1, Math.round(t.anchorPitch() * PITCH_STEPS)));
        return (frame << (SPAN_BITS + PITCH_BITS)) | ((long) t.span() << PITCH_BITS) | pitch;
    }

    static int key(long code) {
        return (int) (code >>> PAYLOAD_BITS);
    }

    static int frame(long code) {
        return (int) (code >>> (SPAN_BITS + PITCH_BITS)) & ((1 << FRAME_BITS) - 1);
    }

    static int span(long code) {
        return (int) (code >>> PITCH_BITS) & ((1 << SPAN_BITS) - 1);
    }

    /** The anchor pitch in 1/{@link #PITCH_STEPS} semitone. */
    static int pitchCode(long code) {
        return (int) (code & ((1 << PITCH_BITS) - 1));
    }

    long[] codes() {
        return codes;
    }

    public int size() {
        return codes.length;
    }

    /** Length of the fingerprinted audio in analysis frames. */
    public int frames() {
        return frames;
    }

    public double durationSec() {
        return frames / PeakFinder.FRAMES_PER_SECOND;
    }

    public byte[] bytes() {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 8 * codes.length).putInt(frames);
        for (long code : codes) {
            buffer.putLong(code);
        }
        return buffer.array();
    }

    public static Fingerprint fromBytes(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int frames = buffer.getInt();
        long[] codes = new long[buffer.remaining() / 8];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = buffer.getLong();
        }
        return new Fingerprint(codes, frames);
    }
}
