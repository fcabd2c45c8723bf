package io.mashups.attribution.fingerprint;

import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * An in-memory inverted index from triplet hash to postings (track id in the high 24 bits, the triplet's payload
 * below). Lookups run concurrently; adding or removing a track takes the write lock briefly.
 */
public final class FingerprintIndex {
    static final int TRACK_BITS = 64 - Fingerprint.PAYLOAD_BITS;
    public static final int MAX_TRACK_ID = (1 << TRACK_BITS) - 1;
    private static final long PAYLOAD_MASK = (1L << Fingerprint.PAYLOAD_BITS) - 1;
    private final long[][] postings = new long[1 << TripletHash.KEY_BITS][];
    private final int[] sizes = new int[1 << TripletHash.KEY_BITS];
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private long postingCount;
    private int trackCount;
    private int maxTrackId = -1;
    private double seconds;

    public void add(int trackId, Fingerprint fingerprint) {
        if (trackId < 0 || trackId > MAX_TRACK_ID) {
            throw new IllegalArgumentException("track id out of range: " + trackId);
        }
        lock.writeLock().lock();
        try {
            for (long code : fingerprint.codes()) {
                int key = (int) (code >>> Fingerprint.PAYLOAD_BITS);
                long[] list = postings[key];
                int size = sizes[key];
                if (list == null || size == list.length) {
                    list = list == null ? new long[4] : java.util.Arrays.copyOf(list, size + (size >> 1) + 1);
                    postings[key] = list;
                }
                list[size] = ((long) trackId << Fingerprint.PAYLOAD_BITS) | (code & PAYLOAD_MASK);
                sizes[key] = size + 1;
            }
            postingCount += fingerprint.size();
            trackCount++;
            maxTrackId = Math.max(maxTrackId, trackId);
            seconds += fingerprint.durationSec();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes the postings a track was added with (its fingerprint says where they are). */
    public void remove(int trackId, Fingerprint fingerprint) {
        lock.writeLock().lock();
        try {
            long removed = 0;
            for (long code : fingerprint.codes()) {
                int key = (int) (code >>> Fingerprint.PAYLOAD_BITS);
                long[] list = postings[key];
                int kept = 0;
                for (int i = 0; i < sizes[key]; i++) {
                    if (track(list[i]) != trackId) {
                        list[kept++] = list[i];
                    }
                }
                removed += sizes[key] - kept;
                sizes[key] = kept;
            }
            if (removed > 0) {
                postingCount -= removed;
                trackCount--;
                seconds -= fingerprint.durationSec();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** How many postings a key holds. */
    int size(int key) {
        return sizes[key];
    }

    /** The postings under {@code key} (the first {@link #size} are valid); read under the read lock. */
    long[] postings(int key) {
        return postings[key];
    }

    static int track(long posting) {
        return (int) (posting >>> Fingerprint.PAYLOAD_BITS);
    }

    ReadWriteLock lock() {
        return lock;
    }

    /** The highest track id ever added (-1 when none): track ids index the matcher's per-track tables. */
    int maxTrackId() {
        return maxTrackId;
    }

    public long postings() {
        return postingCount;
    }

    public int tracks() {
        return trackCount;
    }

    public double seconds() {
        return seconds;
    }

    /** Bytes held by posting arrays, including their spare room. */
    public long memoryBytes() {
        lock.readLock().lock();
        try {
            long bytes = 8L * postings.length + 4L * sizes.length;
            for (long[] list : postings) {
                if (list != null) {
                    bytes += 16 + 8L * list.length;
                }
            }
            return bytes;
        } finally {
            lock.readLock().unlock();
        }
    }
}
