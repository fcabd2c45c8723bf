package io.mashups.audio.stems;

import io.mashups.media.MediaTools;
import io.mashups.media.StereoSeparation;
import io.mashups.media.WavWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/** The CPU engine: {@link StereoSeparation}, the voice told by repetition, over the song decoded to 44.1 kHz stereo. */
public final class BuiltinSeparator implements StemSeparator {
    static final int SAMPLE_RATE = 44100;
    /** StereoSeparation's output order. */
    private static final Stem[] ORDER = {Stem.DRUMS, Stem.BASS, Stem.VOCALS, Stem.OTHER};

    @Override
    public String engine() {
        return "builtin";
    }

    @Override
    public Map<Stem, Path> separate(Path input, Path outputDir) throws IOException, InterruptedException {
        Path pcm = Files.createTempFile(outputDir, "mix-", ".f32");
        Map<Stem, Path> files = new EnumMap<>(Stem.class);
        WavWriter[] writers = new WavWriter[ORDER.length];
        try {
            MediaTools.decodePcm(input, pcm, SAMPLE_RATE, 2);
            for (int i = 0; i < ORDER.length; i++) {
                Path file = outputDir.resolve(ORDER[i].fileName());
                files.put(ORDER[i], file);
                writers[i] = new WavWriter(file, 2, SAMPLE_RATE);
            }
            StereoSeparation.separate(
                    pcm,
                    SAMPLE_RATE,
                    StereoSeparation.VoiceCue.REPETITION,
                    (stem, stereo, count) -> writers[stem].write(stereo, 0, count));
        } finally {
            for (WavWriter writer : writers) {
                if (writer != null) {
                    writer.close();
                }
            }
            Files.deleteIfExists(pcm);
        }
        return files;
    }
}
