package io.mashups.captions.engine;

import io.mashups.media.MediaTools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Speech the tests generate: each phrase spoken by espeak-ng, laid end to end with silences of known length, so the
 * time each phrase's speech starts is known to the sample.
 */
public record SpokenFixture(Path audio, List<String> phrases, List<Double> phraseStarts, double durationSec) {
    public static final List<String> PHRASES = List.of(
            "the river knows our names",
            "hold on we are almost home",
            "take my hand and do not let go",
            "every light on the street went out",
            "nobody told me it would feel like this",
            "i kept on singing to the rain",
            "the morning will remember us",
            "we were dancing in the kitchen",
            "turn the music up a little louder",
            "she said the night was young",
            "there is a fire in the city tonight",
            "i can hear the ocean calling",
            "give me one more chance to stay",
            "the stars are falling into place",
            "we run until the sun comes up",
            "open the window and breathe",
            "you are the reason i came back",
            "all the roads are leading home",
            "sing it loud so they can hear",
            "the summer never felt so long",
            "my heart is beating like a drum",
            "we will meet again tomorrow");
    private static final int RATE = 22050;

    public String lyrics() {
        return String.join("\n", phrases);
    }

    public static SpokenFixture make(Path dir, List<String> phrases, long seed)
            throws IOException, InterruptedException {
        Random random = new Random(seed);
        List<float[]> parts = new ArrayList<>();
        List<Double> starts = new ArrayList<>();
        int position = 0;
        for (int i = 0; i < phrases.size(); i++) {
            int gap = (int) ((0.4 + random.nextDouble()) * RATE);
            parts.add(new float[gap]);
            position += gap;
            Path spoken = dir.resolve("phrase-" + i + ".wav");
            Process espeak = new ProcessBuilder(
                            "espeak-ng",
                            "-v",
                            "en-us",
                            "-s",
                            String.valueOf(140 + random.nextInt(40)),
                            "-w",
                            spoken.toString(),
                            phrases.get(i))
                    .redirectErrorStream(true)
                    .start();
            espeak.getInputStream().readAllBytes();
            if (espeak.waitFor() != 0) {
                throw new IOException("espeak-ng failed");
            }
            float[] samples = pcm(spoken, dir);
            starts.add((position + onset(samples, RATE)) / (double) RATE);
            parts.add(samples);
            position += samples.length;
        }
        parts.add(new float[RATE]);
        position += RATE;
        Path raw = dir.resolve("speech.f32");
        ByteBuffer bytes = ByteBuffer.allocate(position * 4).order(ByteOrder.LITTLE_ENDIAN);
        parts.forEach(part -> {
            for (float sample : part) {
                bytes.putFloat(sample);
            }
        });
        Files.write(raw, bytes.array());
        Path audio = dir.resolve("speech.wav");
        MediaTools.ffmpeg(List.of(
                "-f", "f32le", "-ar", String.valueOf(RATE), "-ac", "1", "-i", raw.toString(), audio.toString()));
        return new SpokenFixture(audio, phrases, starts, position / (double) RATE);
    }

    private static float[] pcm(Path wav, Path dir) throws IOException, InterruptedException {
        Path raw = dir.resolve("phrase.f32");
        MediaTools.decodePcm(wav, raw, RATE, 1);
        byte[] data;
        try (InputStream in = Files.newInputStream(raw)) {
            data = in.readAllBytes();
        }
        ByteBuffer buffer = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        float[] samples = new float[data.length / 4];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = buffer.getFloat();
        }
        return samples;
    }

    /** First sample of the first 5 ms window whose level is clearly above silence. */
    static int onset(float[] samples, int rate) {
        int window = rate / 200;
        for (int start = 0; start + window < samples.length; start += window / 2) {
            double energy = 0;
            for (int i = start; i < start + window; i++) {
                energy += samples[i] * samples[i];
            }
            if (Math.sqrt(energy / window) > 0.01) {
                return start;
            }
        }
        return 0;
    }

    /** Word error rate: word-level edit distance over the number of reference words. */
    public static double wordErrorRate(List<String> reference, List<String> hypothesis) {
        int[][] d = new int[reference.size() + 1][hypothesis.size() + 1];
        for (int i = 0; i <= reference.size(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= hypothesis.size(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= reference.size(); i++) {
            for (int j = 1; j <= hypothesis.size(); j++) {
                int substitution = d[i - 1][j - 1] + (reference.get(i - 1).equals(hypothesis.get(j - 1)) ? 0 : 1);
                d[i][j] = Math.min(substitution, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
            }
        }
        return (double) d[reference.size()][hypothesis.size()] / reference.size();
    }
}
