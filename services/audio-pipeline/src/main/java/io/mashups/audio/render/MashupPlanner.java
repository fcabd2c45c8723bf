package io.mashups.audio.render;

import io.mashups.audio.analysis.MusicAnalysis;
import io.mashups.audio.dsp.MusicalKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chooses tempo, key and arrangement the way a DJ would. Tempo: the one asked for (each source counted at the half,
 * double or own tempo nearest it, the vocal stretched by at most 25%, an instrumental by at most 15%), else the best in
 * the band of tempos that fits every source ({@link TempoFit}). Key: the first instrumental's (or the one asked for, within three
 * semitones); every other part is pitch-shifted by at most three semitones to the same key or a Camelot neighbour.
 * Arrangement: each instrumental from its first downbeat; an intro of {@value #INTRO_BARS} bars; the vocal from the
 * downbeat of the bar where its singing starts, for whole phrases of four bars, fading out over one bar before the
 * {@value #OUTRO_BARS}-bar outro. With more than one instrumental they take turns every {@value #SECTION_BARS} bars
 * after the intro, cross-fading over a bar.
 */
public final class MashupPlanner {
    static final int MAX_SEMITONES = 3;
    static final int INTRO_BARS = 4;
    static final int OUTRO_BARS = 2;
    static final int PHRASE_BARS = 4;
    static final int SECTION_BARS = 8;
    static final double DEFAULT_MAX_DURATION_SEC = 180;
    /**
     * Below this tempo confidence a song has no steady beat. Measured: synthesised songs 1.0 (standard and varied),
     * espeak-ng speech 0.39-0.48, white noise 0.30, silence 0.
     */
    static final double MIN_BEAT_CONFIDENCE = 0.6;
    /** At or below this integrated loudness a song is silent (the analyser measures silence at -70 LUFS). */
    static final double SILENT_LUFS = -60;

    /** A plan or the reason none fits. */
    public static final class Unmixable extends Exception {
        public Unmixable(String message) {
            super(message);
        }
    }

    /** A song as the planner sees it; {@code name} (its file name) is how refusals speak of it. */
    public record Song(String sourceId, String name, MusicAnalysis analysis) {}

    private MashupPlanner() {}

    /**
     * Refuses what is not music, before any work is spent on it: a silent source, or an instrumental with no steady
     * beat (speech, noise). A vocal without one (spoken word) is mixed: it is laid unstretched.
     */
    public static void checkMixable(Song vocal, List<Song> instrumentals) throws Unmixable {
        List<Song> songs = new ArrayList<>(List.of(vocal));
        songs.addAll(instrumentals);
        for (Song song : songs) {
            if (song.analysis().integratedLufs() <= SILENT_LUFS) {
                throw new Unmixable(quoted(song) + " is silent");
            }
        }
        for (Song song : instrumentals) {
            if (!hasBeat(song)) {
                throw new Unmixable(String.format(
                        java.util.Locale.ROOT,
                        "the instrumental of %s has no steady beat to mix on (tempo confidence %.2f; music measures"
                                + " above %.1f): speech or sound without a pulse cannot carry a mashup",
                        quoted(song),
                        song.analysis().tempoConfidence(),
                        MIN_BEAT_CONFIDENCE));
            }
        }
    }

    private static boolean hasBeat(Song song) {
        return song.analysis().tempoConfidence() >= MIN_BEAT_CONFIDENCE;
    }

    /**
     * @param vocalBarIndex index into the vocal's downbeats of the bar where singing starts
     * @param durationSec   the length asked for, or null for as long as the instrumentals allow (at most 3 minutes)
     */
    public static MashupPlan plan(
            Song vocal,
            int vocalBarIndex,
            List<Song> instrumentals,
            Double targetBpm,
            MusicalKey targetKey,
            Double durationSec)
            throws Unmixable {
        MusicAnalysis main = instrumentals.get(0).analysis();
        List<Double> bedBpms =
                instrumentals.stream().map(song -> song.analysis().bpm()).toList();
        // a vocal without a steady beat (spoken word) has no tempo to fit: the band's is kept and the voice unstretched
        boolean vocalBeat = hasBeat(vocal);
        TempoFit.Choice fit = targetBpm != null
                ? asked(targetBpm, vocal, vocalBeat, instrumentals)
                : TempoFit.choose(vocalBeat ? vocal.analysis().bpm() : main.bpm(), bedBpms);
        double target = fit.bpm();
        double vocalMultiple = vocalBeat ? fit.multiples().get(0) : 1;
        double vocalBpm = vocalBeat ? vocal.analysis().bpm() * vocalMultiple : target;
        List<String> compromises = new ArrayList<>(fit.compromises());
        if (!vocalBeat) {
            compromises.add("the vocal has no steady beat (spoken word?): it is laid over the band unstretched");
        }

        int mainShift = 0;
        if (targetKey != null) {
            mainShift = shiftTo(main.key(), targetKey)
                    .orElseThrow(() -> new Unmixable("the instrumental of " + quoted(instrumentals.get(0)) + " in "
                            + main.key().name() + " is more than " + MAX_SEMITONES
                            + " semitones from " + targetKey.name()));
        }
        MusicalKey key = main.key().transpose(mainShift);

        List<MashupPlan.Bed> beds = new ArrayList<>();
        double available = Double.MAX_VALUE;
        for (int i = 0; i < instrumentals.size(); i++) {
            Song song = instrumentals.get(i);
            MusicAnalysis analysis = song.analysis();
            double bpm = analysis.bpm() * fit.multiples().get(i + 1);
            int shift = i == 0
                    ? mainShift
                    : compatibleShift(analysis.key(), key)
                            .orElseThrow(() -> new Unmixable("the instrumental of " + quoted(song) + " in "
                                    + analysis.key().name() + " cannot be shifted by at most " + MAX_SEMITONES
                                    + " semitones to a key that fits " + key.name()));
            double start = analysis.downbeats().length > 0 ? analysis.downbeats()[0] : 0;
            beds.add(new MashupPlan.Bed(
                    song.sourceId(), target / bpm, fit.multiples().get(i + 1), shift, start));
            available = Math.min(available, (analysis.durationSec() - start) / (target / bpm));
        }

        double bar = 4 * 60 / target;
        double entry = INTRO_BARS * bar;
        double duration = durationSec != null ? durationSec : Math.floor(Math.min(DEFAULT_MAX_DURATION_SEC, available));
        if (duration < entry + (OUTRO_BARS + 1) * bar) {
            throw new Unmixable("a mashup at " + Math.round(target) + " BPM needs at least "
                    + Math.ceil(entry + (OUTRO_BARS + 1) * bar) + " s for its intro, a bar of vocal and its outro");
        }
        if (duration > available + 0.5) {
            throw new Unmixable(String.format(
                    java.util.Locale.ROOT,
                    "the instrumentals last only %.0f s at %.1f BPM; ask for at most that",
                    Math.floor(available),
                    target));
        }

        MusicAnalysis vocalSong = vocal.analysis();
        double vocalStart =
                vocalSong.downbeats().length > vocalBarIndex ? vocalSong.downbeats()[vocalBarIndex] : 0;
        double vocalTempo = target / vocalBpm;
        double vocalRoom =
                Math.min((vocalSong.durationSec() - vocalStart) / vocalTempo, duration - OUTRO_BARS * bar - entry);
        double phrase = PHRASE_BARS * bar;
        double vocalLength = vocalRoom >= phrase
                ? Math.floor(vocalRoom / phrase) * phrase
                : Math.max(1, Math.floor(vocalRoom / bar)) * bar;
        List<MashupPlan.Section> sections = sections(beds.size(), entry, bar, duration);
        // a short mashup may not reach every instrumental's turn
        List<MashupPlan.Bed> playing = beds.subList(0, Math.min(beds.size(), sections.size()));
        return new MashupPlan(
                target,
                key,
                vocalTempo,
                vocalMultiple,
                vocalShift(vocalSong.key(), key),
                vocalStart,
                entry,
                entry + vocalLength,
                List.copyOf(playing),
                sections,
                bar,
                duration,
                List.copyOf(compromises));
    }

    /** The first section runs to the end of the intro plus one section; then the beds take turns. */
    private static List<MashupPlan.Section> sections(int beds, double entry, double bar, double duration) {
        List<MashupPlan.Section> sections = new ArrayList<>();
        double from = 0;
        double to = beds == 1 ? duration : Math.min(duration, entry + SECTION_BARS * bar);
        for (int i = 0; from < duration - 1e-9; i++) {
            if (duration - to < 2 * bar) {
                to = duration; // no sliver of a section before the end
            }
            sections.add(new MashupPlan.Section(i % beds, from, to));
            from = to;
            to = Math.min(duration, to + SECTION_BARS * bar);
        }
        return sections;
    }

    /**
     * The tempo asked for, each source counted at its nearest half, double or own tempo; refused, with the tempo the
     * planner would choose, when the vocal would need more than {@value TempoFit#VOCAL_STRETCH} or an instrumental
     * more than {@value TempoFit#CLEAN_STRETCH}.
     */
    private static TempoFit.Choice asked(double targetBpm, Song vocal, boolean vocalBeat, List<Song> instrumentals)
            throws Unmixable {
        List<Double> bedBpms =
                instrumentals.stream().map(song -> song.analysis().bpm()).toList();
        TempoFit.Choice fit = TempoFit.at(targetBpm, vocal.analysis().bpm(), bedBpms);
        List<Song> songs = new ArrayList<>(List.of(vocal));
        songs.addAll(instrumentals);
        for (int i = vocalBeat ? 0 : 1; i < songs.size(); i++) {
            double counted = songs.get(i).analysis().bpm() * fit.multiples().get(i);
            double limit = i == 0 ? TempoFit.VOCAL_STRETCH : TempoFit.CLEAN_STRETCH;
            if (TempoFit.stretch(targetBpm, counted) > limit + 1e-9) {
                throw new Unmixable(String.format(
                        java.util.Locale.ROOT,
                        "the %s of %s at %.1f BPM would need a %.0f%% time-stretch to reach %.1f BPM; the limit is"
                                + " %.0f%%. Leave the tempo out and %.1f BPM is chosen",
                        i == 0 ? "vocal" : "instrumental",
                        quoted(songs.get(i)),
                        counted,
                        TempoFit.stretch(targetBpm, counted) * 100,
                        targetBpm,
                        limit * 100,
                        TempoFit.choose(vocalBeat ? vocal.analysis().bpm() : bedBpms.get(0), bedBpms)
                                .bpm()));
            }
        }
        return fit;
    }

    private static String quoted(Song song) {
        return "\"" + song.name() + "\"";
    }

    /** The smallest shift (-3..3) taking a key to the target tonic, comparing relative keys across modes. */
    private static Optional<Integer> shiftTo(MusicalKey from, MusicalKey to) {
        int fromMajor = from.minor() ? from.tonic() + 3 : from.tonic();
        int toMajor = to.minor() ? to.tonic() + 3 : to.tonic();
        int shift = Math.floorMod(toMajor - fromMajor + 6, 12) - 6;
        return Math.abs(shift) <= MAX_SEMITONES ? Optional.of(shift) : Optional.empty();
    }

    private static final int[] SHIFTS_BY_SIZE = {0, 1, -1, 2, -2, 3, -3};

    /** The smallest shift that puts a part in the mix key, or else next to it on the Camelot wheel. */
    private static Optional<Integer> compatibleShift(MusicalKey part, MusicalKey mix) {
        for (int shift : SHIFTS_BY_SIZE) {
            if (part.transpose(shift).equals(mix)) {
                return Optional.of(shift);
            }
        }
        for (int shift : SHIFTS_BY_SIZE) {
            if (part.transpose(shift).harmonicallyCompatible(mix)) {
                return Optional.of(shift);
            }
        }
        return Optional.empty();
    }

    /** The vocal takes the best shift there is: compatible if possible, else the nearest relative tonic. */
    static int vocalShift(MusicalKey vocal, MusicalKey mix) {
        return compatibleShift(vocal, mix).or(() -> shiftTo(vocal, mix)).orElse(0);
    }
}
