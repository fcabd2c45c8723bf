package io.mashups.captions.engine;

import io.mashups.media.MediaTools;
import io.mashups.media.StereoSeparation;
import io.mashups.media.WavReader;
import io.mashups.media.WavWriter;
import io.mashups.testing.audio.SongSynth;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The vocal stem of a generated mashup, made the way the generator makes it, with every phrase's time known: espeak-ng
 * speech phrased on the bar lines of a synthesised song (its own tempo, key and arrangement), mixed into the song in
 * the centre, separated by the built-in separator, then from the first sung bar time-stretched and pitch-shifted by
 * rubberband (formants kept) and high-passed exactly as the renderer does, and laid at an entry bar of the mashup.
 *
 * @param placement where the vocal went: what the mashup's event tells captions
 * @param phraseStarts each phrase's start in the mashup, from its start in the song through the placement
 */
public record PlacedVocalFixture(
        Path audio, List<String> phrases, List<Double> phraseStarts, double durationSec, VocalPlacement placement) {
    private static final int RATE = SongSynth.RATE;

    public String lyrics() {
        return String.join("\n", phrases);
    }

    /** {@code withBand} false: the voice alone goes through separation, stretch and shift (a floor). */
    public static PlacedVocalFixture make(Path dir, List<String> phrases, long seed, boolean withBand)
            throws IOException, InterruptedException {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        double bpm = 75 + 90 * random.nextDouble();
        double bar = 4 * 60 / bpm;
        // phrases on bar lines (some a beat late, as pickups and late entries are), a beat or more apart
        List<float[]> spoken = new ArrayList<>();
        List<Double> starts = new ArrayList<>();
        double at = 2 * bar;
        for (int i = 0; i < phrases.size(); i++) {
            float[] samples = speak(dir, phrases.get(i), 130 + random.nextInt(50));
            double start = at + (random.nextInt(3) == 0 ? bar / 4 : 0);
            spoken.add(samples);
            starts.add(start + SpokenFixture.onset(samples, RATE) / (double) RATE);
            double end = start + samples.length / (double) RATE + bar / 4;
            at = Math.ceil(end / bar) * bar;
        }
        int bars = (int) Math.ceil(at / bar) + 1;
        SongSynth.Spec spec =
                new SongSynth.Spec(bpm, random.nextInt(12), random.nextBoolean(), bars, random.nextBoolean(), seed);
        float[][] song =
                SongSynth.render(spec, SongSynth.Arrangement.varied(seed)).instrumental();
        if (!withBand) {
            song = new float[2][song[0].length];
        }
        double voiceGain = Math.pow(10, (-3 + 6 * random.nextDouble()) / 20);
        for (int i = 0; i < spoken.size(); i++) {
            int from =
                    (int) Math.round((starts.get(i) - SpokenFixture.onset(spoken.get(i), RATE) / (double) RATE) * RATE);
            float[] samples = spoken.get(i);
            for (int s = 0; s < samples.length && from + s < song[0].length; s++) {
                song[0][from + s] += (float) (samples[s] * voiceGain);
                song[1][from + s] += (float) (samples[s] * voiceGain);
            }
        }
        Path separatedVocal = separatedVocal(dir, song);

        double sourceStart = 2 * bar;
        double tempo = 0.85 + 0.3 * random.nextDouble();
        int semitones = random.nextInt(7) - 3;
        double entry = 4 * bar / tempo;
        Path placed = dir.resolve("placed-vocal.wav");
        MediaTools.ffmpeg(List.of(
                "-y",
                "-ss",
                String.format(Locale.ROOT, "%.6f", sourceStart),
                "-i",
                separatedVocal.toString(),
                "-af",
                String.format(
                        Locale.ROOT,
                        "rubberband=tempo=%.6f:pitch=%.6f:formant=preserved:transients=crisp,highpass=f=140,"
                                + "adelay=%d|%d,apad=pad_dur=%.3f",
                        tempo,
                        Math.pow(2, semitones / 12.0),
                        Math.round(entry * 1000),
                        Math.round(entry * 1000),
                        2 * bar),
                "-c:a",
                "pcm_s16le",
                placed.toString()));
        VocalPlacement placement = new VocalPlacement(sourceStart, entry, tempo);
        List<Double> placedStarts = starts.stream().map(placement::toMashup).toList();
        double duration = WavReader.mono(placed).samples().length / (double) RATE;
        return new PlacedVocalFixture(placed, phrases, placedStarts, duration, placement);
    }

    /** Where the vocal went: its time {@code sourceStartSec} plays at {@code entrySec}, stretched by {@code tempo}. */
    public record VocalPlacement(double sourceStartSec, double entrySec, double tempo) {
        double toMashup(double sourceSec) {
            return entrySec + (sourceSec - sourceStartSec) / tempo;
        }
    }

    private static Path separatedVocal(Path dir, float[][] song) throws IOException {
        Path pcm = dir.resolve("song.f32");
        ByteBuffer bytes = ByteBuffer.allocate(song[0].length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < song[0].length; i++) {
            bytes.putFloat(song[0][i]).putFloat(song[1][i]);
        }
        Files.write(pcm, bytes.array());
        Path vocal = dir.resolve("separated-vocal.wav");
        try (WavWriter writer = new WavWriter(vocal, 2, RATE)) {
            StereoSeparation.separate(pcm, RATE, StereoSeparation.VoiceCue.REPETITION, (stem, stereo, count) -> {
                if (stem == StereoSeparation.VOCALS) {
                    writer.write(stereo, 0, count);
                }
            });
        }
        return vocal;
    }

    private static float[] speak(Path dir, String phrase, int wordsPerMinute) throws IOException, InterruptedException {
        Path wav = dir.resolve("phrase.wav");
        Process espeak = new ProcessBuilder(
                        "espeak-ng", "-v", "en-us", "-s", String.valueOf(wordsPerMinute), "-w", wav.toString(), phrase)
                .redirectErrorStream(true)
                .start();
        espeak.getInputStream().readAllBytes();
        if (espeak.waitFor() != 0) {
            throw new IOException("espeak-ng failed");
        }
        Path resampled = dir.resolve("phrase-44k.wav");
        MediaTools.ffmpeg(List.of("-y", "-i", wav.toString(), "-ar", String.valueOf(RATE), resampled.toString()));
        return WavReader.mono(resampled).samples();
    }
}
