package io.mashups.audio.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mashups.audio.Pcm;
import io.mashups.audio.analysis.AudioAnalyzer;
import io.mashups.audio.analysis.MusicAnalysis;
import io.mashups.audio.dsp.MusicalKey;
import io.mashups.audio.stems.BuiltinSeparator;
import io.mashups.audio.stems.Stem;
import io.mashups.media.Loudness;
import io.mashups.media.MediaTools;
import io.mashups.media.Probe;
import io.mashups.testing.audio.SongSynth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two synthesised songs in, one mastered mashup out, measured with ffmpeg's ebur128 and our own tempo analysis. */
class MashupPipelineTest {
    @TempDir
    static Path dir;

    private static Path vocalSong;
    private static Path instrumentalSong;

    @BeforeAll
    static void songs() throws Exception {
        vocalSong = song(new SongSynth.Spec(96, 2, false, 24, true, 21), "vocal");
        instrumentalSong = song(new SongSynth.Spec(104, 9, true, 24, false, 22), "instrumental");
    }

    static Path song(SongSynth.Spec spec, String name) throws Exception {
        Path wav = dir.resolve(name + ".wav");
        Path mp3 = dir.resolve(name + ".mp3");
        SongSynth.writeWav(SongSynth.render(spec).mix(), wav);
        MediaTools.ffmpeg(List.of("-i", wav.toString(), "-b:a", "192k", mp3.toString()));
        return mp3;
    }

    @Test
    void mastersToMinus14LufsAtTheTargetTempo() throws Exception {
        Path work = Files.createTempDirectory(dir, "work");
        List<String> stages = new java.util.ArrayList<>();
        MashupPipeline.Output output = MashupPipeline.run(
                new BuiltinSeparator(),
                new MashupPipeline.Input("vocal", "vocal.mp3", vocalSong, null),
                List.of(new MashupPipeline.Input("band", "band.mp3", instrumentalSong, null)),
                new MashupPipeline.Request(100.0, null, 40.0, "mp3"),
                work,
                (stage, percent) -> stages.add(stage + " " + percent));

        Loudness loudness = MediaTools.loudness(output.audio());
        assertEquals(-14, loudness.integratedLufs(), 1, "integrated loudness");
        assertTrue(loudness.truePeakDbtp() <= -1, "true peak " + loudness.truePeakDbtp());
        // decoded, the mp3 lasts what the mashup reports (its container adds the encoder's padding)
        Path decoded = work.resolve("decoded.wav");
        MediaTools.ffmpeg(List.of("-i", output.audio().toString(), decoded.toString()));
        assertEquals(40, MediaTools.probe(decoded).orElseThrow().durationSec(), 0.02, "decoded duration");
        MusicAnalysis result = AudioAnalyzer.analyse(output.audio());
        assertEquals(100, result.bpm(), 1, "tempo of the mashup");
        assertEquals(MusicalKey.parse("A minor").orElseThrow(), output.plan().key());
        assertTrue(Math.abs(output.plan().vocalSemitones()) <= 3);
        assertEquals(MashupPipeline.WAVEFORM_PEAKS, output.peaks().length);
        assertEquals(
                List.of(
                        "analysing 5",
                        "separating 15",
                        "planning 55",
                        "rendering 60",
                        "mixing 75",
                        "mastering 85",
                        "encoding 95"),
                stages);

        // the four placed stems: each playable, as long as the mashup, and together the mix before mastering
        float[] premaster = Pcm.read(output.premaster());
        float[] sum = new float[premaster.length];
        for (Stem stem : Stem.values()) {
            Path placed = output.placedStems().get(stem);
            Probe probe = MediaTools.probe(placed).orElseThrow();
            assertEquals("flac", probe.codec(), stem.wire());
            assertEquals(40, probe.durationSec(), 0.001, stem.wire());
            Pcm.addInto(sum, Pcm.read(placed));
        }
        double toMix = Pcm.residualDb(premaster, sum);
        // the master runs the limiter's 2 ms look-ahead behind the stems
        double toMaster = Pcm.residualAfterAlignmentDb(Pcm.read(output.audio()), sum, 256);
        System.out.printf(
                "placed stems of a mashup: the sum's residual against the pre-master mix %.1f dB, against the mp3 master"
                        + " after the best lag and gain %.1f dB%n",
                toMix, toMaster);
        assertTrue(toMix < -60, "the stems add up to the mix: " + toMix + " dB");
        assertTrue(toMaster < -20, "and, but for the limiter and the codec, to the master: " + toMaster + " dB");
    }

    @Test
    void moreInstrumentalsTakeTurnsUnderTheVocalAndItEndsOnAPhrase() throws Exception {
        Path third = song(new SongSynth.Spec(100, 0, false, 24, false, 23), "third");
        MashupPipeline.Output output = MashupPipeline.run(
                new BuiltinSeparator(),
                new MashupPipeline.Input("vocal", "vocal.mp3", vocalSong, null),
                List.of(
                        new MashupPipeline.Input("band", "band.mp3", instrumentalSong, null),
                        new MashupPipeline.Input("third", "third.mp3", third, null)),
                new MashupPipeline.Request(null, null, 45.0, "wav"),
                Files.createTempDirectory(dir, "three"),
                (stage, percent) -> {});

        MashupPlan plan = output.plan();
        assertEquals(
                List.of("band", "third"),
                plan.beds().stream().map(MashupPlan.Bed::sourceId).toList());
        assertTrue(plan.sections().size() >= 2, "both instrumentals get a turn: " + plan.sections());
        for (int i = 0; i < plan.sections().size(); i++) {
            assertEquals(i % 2, plan.sections().get(i).bed(), "they alternate: " + plan.sections());
        }
        assertEquals(0, plan.sections().get(0).fromSec());
        assertEquals(45, plan.sections().get(plan.sections().size() - 1).toSec(), 1e-9);
        double phrases = (plan.vocalEndSec() - plan.vocalEntrySec()) / (4 * plan.barSec());
        assertEquals(Math.rint(phrases), phrases, 1e-9, "the vocal ends after whole phrases");
        assertTrue(plan.vocalEndSec() <= 45 - 2 * plan.barSec());
        Loudness loudness = MediaTools.loudness(output.audio());
        assertEquals(-14, loudness.integratedLufs(), 1);
        assertTrue(loudness.truePeakDbtp() <= -1);
        // every stem's compressor used to stop at its first input's end, up to 0.1 s early
        assertEquals(45, MediaTools.probe(output.audio()).orElseThrow().durationSec(), 0.001);
    }

    @Test
    void spokenWordIsLaidOverTheBandUnstretchedButSpeechOrSilenceCannotBeTheBand() throws Exception {
        Path speech = dir.resolve("speech.wav");
        MediaTools.run(
                List.of(
                        "espeak-ng",
                        "-w",
                        speech.toString(),
                        "Ladies and gentlemen, welcome aboard. Please fasten your seat belts and make sure your tray"
                                + " tables are stowed. The quick brown fox jumps over the lazy dog, then it runs away"
                                + " into the forest and nobody sees it again for a very long time."),
                60);
        MashupPipeline.Output spoken = MashupPipeline.run(
                new BuiltinSeparator(),
                new MashupPipeline.Input("speech", "speech.wav", speech, null),
                List.of(new MashupPipeline.Input("band", "band.mp3", instrumentalSong, null)),
                new MashupPipeline.Request(null, null, 30.0, "wav"),
                Files.createTempDirectory(dir, "spoken"),
                (stage, percent) -> {});
        assertEquals(1, spoken.plan().vocalTempo(), 1e-9, "the voice is not stretched");
        assertTrue(
                spoken.plan().compromises().stream().anyMatch(said -> said.contains("no steady beat")),
                spoken.plan().compromises().toString());

        MashupPlanner.Unmixable noBeat = assertThrows(
                MashupPlanner.Unmixable.class,
                () -> MashupPipeline.run(
                        new BuiltinSeparator(),
                        new MashupPipeline.Input("vocal", "vocal.mp3", vocalSong, null),
                        List.of(new MashupPipeline.Input("speech", "speech.wav", speech, null)),
                        new MashupPipeline.Request(null, null, null, "wav"),
                        Files.createTempDirectory(dir, "no-beat"),
                        (stage, percent) -> {}));
        assertTrue(
                noBeat.getMessage().startsWith("the instrumental of \"speech.wav\" has no steady beat"),
                noBeat.getMessage());

        Path silence = dir.resolve("silence.wav");
        MediaTools.ffmpeg(List.of("-f", "lavfi", "-i", "anullsrc=r=44100:cl=stereo", "-t", "30", silence.toString()));
        MashupPlanner.Unmixable silent = assertThrows(
                MashupPlanner.Unmixable.class,
                () -> MashupPipeline.run(
                        new BuiltinSeparator(),
                        new MashupPipeline.Input("silence", "silence.wav", silence, null),
                        List.of(new MashupPipeline.Input("band", "band.mp3", instrumentalSong, null)),
                        new MashupPipeline.Request(null, null, null, "wav"),
                        Files.createTempDirectory(dir, "silent"),
                        (stage, percent) -> {}));
        assertEquals("\"silence.wav\" is silent", silent.getMessage());
    }

    @Test
    void refusesTempoStretchesBeyondFifteenPercent() {
        Path work = dir.resolve("refused");
        MashupPlanner.Unmixable refusal = assertThrows(
                MashupPlanner.Unmixable.class,
                () -> MashupPipeline.run(
                        new BuiltinSeparator(),
                        new MashupPipeline.Input("vocal", "vocal.mp3", vocalSong, null),
                        List.of(new MashupPipeline.Input("band", "band.mp3", instrumentalSong, null)),
                        new MashupPipeline.Request(130.0, null, 30.0, "wav"),
                        Files.createDirectories(work),
                        (stage, percent) -> {}));
        assertTrue(refusal.getMessage().contains("time-stretch"), refusal.getMessage());
    }
}
