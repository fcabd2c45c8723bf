package io.mashups.audio.stems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mashups.media.MediaTools;
import io.mashups.testing.audio.SongSynth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Demucs engine against a stand-in {@code demucs} that parses the real command's options ({@code -n}, {@code -d},
 * {@code -o}, the input) and writes the real output layout, {@code <out>/<model>/<track>/<stem>.wav}.
 */
class DemucsSeparatorTest {
    private static final String STAND_IN = """
            #!/bin/bash
            set -e
            model=htdemucs; device=cpu; out=separated
            while [ $# -gt 0 ]; do
              case "$1" in
                -n) model="$2"; shift 2 ;;
                -d) device="$2"; shift 2 ;;
                -o|--out) out="$2"; shift 2 ;;
                -*) echo "demucs: unknown option $1" >&2; exit 2 ;;
                *) input="$1"; shift ;;
              esac
            done
            [ -f "$input" ] || { echo "demucs: no such file $input" >&2; exit 1; }
            echo "$model $device" > "$(dirname "$0")/last-call"
            track=$(basename "${input%.*}")
            mkdir -p "$out/$model/$track"
            for stem in vocals drums bass other; do
              ffmpeg -nostdin -v error -y -i "$input" -af volume=0.25 "$out/$model/$track/$stem.wav"
            done
            """;
    private static Path bin;
    private static Path song;

    @BeforeAll
    static void standIn() throws IOException {
        bin = Files.createTempDirectory("demucs-bin");
        Path script = bin.resolve("demucs");
        Files.writeString(script, STAND_IN);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        song = bin.resolve("my song.mp3");
        Path wav = bin.resolve("song.wav");
        SongSynth.writeWav(
                SongSynth.render(new SongSynth.Spec(120, 0, false, 2, false, 1)).mix(), wav);
        try {
            MediaTools.ffmpeg(List.of("-i", wav.toString(), song.toString()));
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
    }

    @Test
    void runsHtdemucsOnTheConfiguredDeviceAndCollectsTheFourStems() throws Exception {
        Path out = Files.createTempDirectory("demucs-out");
        Map<Stem, Path> stems =
                new DemucsSeparator(bin.resolve("demucs").toString(), "htdemucs", "cuda", 60).separate(song, out);
        assertEquals(4, stems.size());
        for (Stem stem : Stem.values()) {
            assertEquals(out.resolve(stem.fileName()), stems.get(stem));
            assertTrue(MediaTools.probe(stems.get(stem)).isPresent(), stem + " is audio");
        }
        assertEquals("htdemucs cuda", Files.readString(bin.resolve("last-call")).strip());
    }

    @Test
    void aFailingDemucsIsReportedWithItsLastLine() throws Exception {
        Path out = Files.createTempDirectory("demucs-out");
        DemucsSeparator separator = new DemucsSeparator(bin.resolve("demucs").toString(), "htdemucs", "cuda", 60);
        IOException failure =
                assertThrows(IOException.class, () -> separator.separate(out.resolve("missing.wav"), out));
        assertTrue(failure.getMessage().contains("no such file"), failure.getMessage());
    }
}
