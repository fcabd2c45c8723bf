package io.mashups.attribution.fingerprint;

import io.mashups.media.MediaTools;
import io.mashups.testing.audio.SongSynth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Synthesised songs (no recorded audio is kept in the repository) and the transformed excerpts the accuracy test
 * and the benchmark query with; every transformation is made by ffmpeg as a user's tools would make it.
 */
public final class SongCatalogue {
    private final Path dir;

    public SongCatalogue(Path dir) {
        this.dir = dir;
    }

    /**
     * Song {@code i} of a catalogue (seed offset 0) or of unknown audio (another seed offset): 60-160 BPM, any key,
     * each with its own arrangement as the songs of a real catalogue have.
     */
    public static SongSynth.Song song(int i, long seedOffset, double seconds) {
        // SplittableRandom mixes its seed: java.util.Random's first draws from consecutive seeds are nearly equal
        SplittableRandom random = new SplittableRandom(seedOffset * 1_000_003L + i);
        double bpm = 60 + random.nextDouble() * 100;
        int bars = (int) Math.ceil(seconds * bpm / 240);
        long seed = seedOffset * 7919 + i;
        return SongSynth.render(
                new SongSynth.Spec(bpm, random.nextInt(12), random.nextBoolean(), bars, random.nextInt(3) == 0, seed),
                SongSynth.Arrangement.varied(seed));
    }

    public Path wav(String name, float[][] stereo) throws IOException {
        Path file = dir.resolve(name + ".wav");
        SongSynth.writeWav(stereo, file);
        return file;
    }

    /** The landmarks of an audio file's mix and vocal stem, as the service finds them. */
    public AudioLandmarks landmarks(Path audio) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory(dir, "landmarks");
        try {
            return AudioLandmarks.read(audio, work);
        } finally {
            Files.deleteIfExists(work);
        }
    }

    /** An excerpt of {@code seconds} from {@code startSec}, through an ffmpeg filter chain ("" for none) and codec. */
    public Path excerpt(Path song, String name, double startSec, double seconds, String filter, String codecArgs)
            throws IOException, InterruptedException {
        Path out = dir.resolve(name + (codecArgs.contains("libmp3lame") ? ".mp3" : ".wav"));
        List<String> args = new ArrayList<>(
                List.of("-ss", String.valueOf(startSec), "-t", String.valueOf(seconds), "-i", song.toString()));
        if (!filter.isEmpty()) {
            args.addAll(List.of("-af", filter));
        }
        args.addAll(List.of(codecArgs.split(" ")));
        args.add(out.toString());
        MediaTools.ffmpeg(args);
        return out;
    }

    /**
     * A mashup as a creator makes one: the vocals of one song time-stretched (rubberband) to the tempo of another's
     * instrumental, both from a few seconds in, mixed at equal level.
     */
    public Path mashup(String name, SongSynth.Song vocalSong, SongSynth.Song instrumentalSong, double seconds)
            throws IOException, InterruptedException {
        double tempo = instrumentalSong.spec().bpm() / vocalSong.spec().bpm();
        Path vocals = excerpt(
                wav(name + "-vocals-full", vocalSong.vocals()),
                name + "-vocals",
                4,
                seconds * tempo + 1,
                "rubberband=tempo=" + tempo,
                "-c:a pcm_f32le");
        Path band = excerpt(
                wav(name + "-band-full", instrumentalSong.instrumental()),
                name + "-band",
                6,
                seconds,
                "",
                "-c:a pcm_f32le");
        Path mix = dir.resolve(name + ".wav");
        MediaTools.ffmpeg(List.of(
                "-i",
                vocals.toString(),
                "-i",
                band.toString(),
                "-filter_complex",
                "amix=inputs=2:duration=shortest:normalize=0",
                "-c:a",
                "pcm_f32le",
                mix.toString()));
        return mix;
    }

    /** Another song within 1-8% of song {@code i}'s tempo (a mashup stretches one to the other), or -1. */
    public static int tempoPartner(SongSynth.Song[] songs, int i) {
        for (int k = 1; k < songs.length; k++) {
            int j = (i + k) % songs.length;
            double ratio = songs[j].spec().bpm() / songs[i].spec().bpm();
            if (Math.abs(ratio - 1) <= 0.08 && Math.abs(ratio - 1) > 0.01) {
                return j;
            }
        }
        return -1;
    }

    /** White noise added to stereo audio at the given signal-to-noise ratio (dB). */
    public static float[][] withNoise(float[][] stereo, int from, int to, double snrDb, long seed) {
        Random random = new Random(seed);
        double power = 0;
        for (float[] channel : stereo) {
            for (int i = from; i < to; i++) {
                power += channel[i] * channel[i];
            }
        }
        power /= 2.0 * (to - from);
        double sigma = Math.sqrt(power / Math.pow(10, snrDb / 10));
        float[][] noisy = new float[2][to - from];
        for (int c = 0; c < 2; c++) {
            for (int i = from; i < to; i++) {
                noisy[c][i - from] = (float) (stereo[c][i] + random.nextGaussian() * sigma);
            }
        }
        return noisy;
    }
}
