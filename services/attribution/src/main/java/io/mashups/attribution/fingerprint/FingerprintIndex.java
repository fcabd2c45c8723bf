package io.mashups.attribution.fingerprint;

import java.util.Arrays;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * An in-memory inverted index from triplet hash to postings, each list sorted by anchor pitch so that a query reads
 * only the pitches a shift could have moved its own from (one probe per key instead of one per pitch cell). A
 * posting packs, from the top: a zero bit, anchor pitch (12 bits, so sorting the longs sorts by pitch), track id
 * (23 bits), anchor frame (22 bits) and span (6 bits). Lookups run concurrently under the read lock; adding or
 * removing a track takes the write lock briefly, and the lists it appended to are sorted before the next lookup.
 */
public final class FingerprintIndex {
    private static final int SPAN_SHIFT = 0;
    private static final int FRAME_SHIFT = Fingerprint.SPAN_BITS;
    private static final int TRACK_SHIFT = FRAME_SHIFT + Fingerprint.FRAME_BITS;
    private static final int TRACK_BITS = 23;
    private static final int PITCH_SHIFT = TRACK_SHIFT + TRACK_BITS;
    public static final int MAX_TRACK_ID = (1 << TRACK_BITS) - 1;
    private final long[][] postings = new long[1 << TripletHash.KEY_BITS][];
    private final int[] sizes = new int[1 << TripletHash.KEY_BITS];
    /**
     * For lists longer than {@link #DIRECTORY_MIN_SIZE}, where each semitone of anchor pitch starts: a lookup then
     * searches one semitone's postings instead of the whole list (whose binary search missed the cache at every step).
     */
    private final int[][] semitoneStarts = new int[1 << TripletHash.KEY_BITS][];

    private static final int DIRECTORY_MIN_SIZE = 128;
    private static final int SEMITONE_BITS = Integer.numberOfTrailingZeros((int) Fingerprint.PITCH_STEPS);
    private static final int SEMITONES = 1 << (Fingerprint.PITCH_BITS - SEMITONE_BITS);
    /** Keys appended to since their list was last sorted. */
    private final boolean[] unsorted = new boolean[1 << TripletHash.KEY_BITS];

    private int[] unsortedKeys = new int[1024];
    private volatile int unsortedCount;
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
                int key = Fingerprint.key(code);
                long[] list = postings[key];
                int size = sizes[key];
                if (list == null || size == list.length) {
                    list = list == null ? new long[4] : Arrays.copyOf(list, size + (size >> 1) + 1);
                    postings[key] = list;
                }
                list[size] = posting(trackId, code);
                sizes[key] = size + 1;
                markUnsorted(key);
            }
            postingCount += fingerprint.size();
            trackCount++;
            maxTrackId = Math.max(maxTrackId, trackId);
            seconds += fingerprint.durationSec();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes the postings a track was added with (its fingerprint says where they are); order is kept. */
    public void remove(int trackId, Fingerprint fingerprint) {
        lock.writeLock().lock();
        try {
            long removed = 0;
            for (long code : fingerprint.codes()) {
                int key = Fingerprint.key(code);
                long[] list = postings[key];
                int kept = 0;
                for (int i = 0; i < sizes[key]; i++) {
                    if (track(list[i]) != trackId) {
                        list[kept++] = list[i];
                    }
                }
                removed += sizes[key] - kept;
                sizes[key] = kept;
                markUnsorted(key); // its directory is out of date
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

    private void markUnsorted(int key) {
        if (!unsorted[key]) {
            unsorted[key] = true;
            if (unsortedCount == unsortedKeys.length) {
                unsortedKeys = Arrays.copyOf(unsortedKeys, unsortedCount * 2);
            }
            unsortedKeys[unsortedCount++] = key;
        }
    }

    /**
     * Takes the read lock for a lookup, first sorting what adds left unsorted (sorting once per batch of adds costs
     * far less than keeping every list sorted on each insert). Release with {@code lock().readLock().unlock()}.
     */
    void lockForLookup() {
        while (true) {
            if (unsortedCount > 0) {
                lock.writeLock().lock();
                try {
                    for (int i = 0; i < unsortedCount; i++) {
                        int key = unsortedKeys[i];
                        Arrays.sort(postings[key], 0, sizes[key]);
                        semitoneStarts[key] =
                                sizes[key] > DIRECTORY_MIN_SIZE ? directory(postings[key], sizes[key]) : null;
                        unsorted[key] = false;
                    }
                    unsortedCount = 0;
                } finally {
                    lock.writeLock().unlock();
                }
            }
            lock.readLock().lock();
            if (unsortedCount == 0) {
                return;
            }
            lock.readLock().unlock(); // a track was added in between: sort again
        }
    }

    private static long posting(int trackId, long code) {
        return ((long) Fingerprint.pitchCode(code) << PITCH_SHIFT)
                | ((long) trackId << TRACK_SHIFT)
                | ((long) Fingerprint.frame(code) << FRAME_SHIFT)
                | ((long) Fingerprint.span(code) << SPAN_SHIFT);
    }

    /** How many postings a key holds. */
    int size(int key) {
        return sizes[key];
    }

    /** The postings under {@code key} (the first {@link #size} are valid, sorted by pitch); read under the read lock. */
    long[] postings(int key) {
        return postings[key];
    }

    /** Where each semitone of anchor pitch starts in a sorted list, and its end. */
    private static int[] directory(long[] list, int size) {
        int[] starts = new int[SEMITONES + 1];
        int at = 0;
        for (int semitone = 0; semitone <= SEMITONES; semitone++) {
            long bound = (long) semitone << (SEMITONE_BITS + PITCH_SHIFT);
            while (at < size && list[at] < bound) {
                at++;
            }
            starts[semitone] = at;
        }
        return starts;
    }

    /** The first position in {@code key}'s list whose anchor pitch code is at least {@code pitchCode}. */
    int firstAtPitch(int key, int pitchCode) {
        int[] starts = semitoneStarts[key];
        if (starts == null) {
            return firstAtPitch(key, pitchCode, 0, sizes[key]);
        }
        int semitone = Math.max(0, pitchCode) >> SEMITONE_BITS;
        return semitone >= SEMITONES
                ? sizes[key]
                : firstAtPitch(key, pitchCode, starts[semitone], starts[semitone + 1]);
    }

    /**
     * The first position in {@code key}'s list whose anchor pitch code is at least {@code pitchCode}, looking no
     * further than {@code reach} positions past {@code from} (where that is sooner, the position just past the reach):
     * the end of a run found near its start, without a search of the whole list.
     */
    int firstAtPitchWithin(int key, int pitchCode, int from, int reach) {
        return firstAtPitch(key, pitchCode, from, (int) Math.min(sizes[key], (long) from + reach + 1));
    }

    private int firstAtPitch(int key, int pitchCode, int from, int to) {
        if (pitchCode >= 1 << Fingerprint.PITCH_BITS) {
            return to; // above every code (and its shifted bound would overflow)
        }
        long[] list = postings[key];
        long bound = (long) Math.max(0, pitchCode) << PITCH_SHIFT;
        int low = from;
        int high = to;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (list[mid] < bound) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    static int track(long posting) {
        return (int) (posting >>> TRACK_SHIFT) & MAX_TRACK_ID;
    }

    static int frame(long posting) {
        return (int) (posting >>> FRAME_SHIFT) & ((1 << Fingerprint.FRAME_BITS) - 1);
    }

    static int span(long posting) {
        return (int) (posting >>> SPAN_SHIFT) & ((1 << Fingerprint.SPAN_BITS) - 1);
    }

    static float pitch(long posting) {
        return (posting >>> PITCH_SHIFT) / Fingerprint.PITCH_STEPS;
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

    /**
     * Bytes held by posting arrays (with their spare room) and the lists' directories, as ready for lookups: what
     * additions left unsorted is sorted first.
     */
    public long memoryBytes() {
        lockForLookup();
        try {
            long bytes = 8L * postings.length + 4L * sizes.length;
            for (long[] list : postings) {
                if (list != null) {
                    bytes += 16 + 8L * list.length;
                }
            }
            for (int[] starts : semitoneStarts) {
                if (starts != null) {
                    bytes += 16 + 4L * starts.length;
                }
            }
            return bytes;
        } finally {
            lock.readLock().unlock();
        }
    }
}
