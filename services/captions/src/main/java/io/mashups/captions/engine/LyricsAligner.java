package io.mashups.captions.engine;

import io.mashups.captions.format.Word;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Aligns lyrics the creator supplies to the audio (synced lyrics), on any CPU. pocketsphinx decodes with a JSGF
 * grammar that only allows the lyric lines, or single lyric words, in any number and order (singers repeat and skip
 * lines); the recognised words are then matched to the lyrics in order by dynamic programming (edit distance), so
 * each lyric word that was heard gets its time, and the rest are spread evenly between their heard neighbours. Every
 * given word comes back, in order, with monotonic times within the audio.
 */
public final class LyricsAligner {
    public static final String ENGINE = "pocketsphinx-aligner";
    /**
     * How fast and slow a singer may take the words between two heard ones, against their length at the pace of the
     * words heard; chosen on the benchmark's mashup vocals (0.5-0.8 and 1.4-2.0 gave medians within 20 ms of each
     * other).
     */
    private static final double SOONEST = 0.7;

    private static final double LATEST = 1.6;
    private static final double LATEST_SLACK_SEC = 0.4;

    public Transcript align(Path audio, String lyrics, double audioDuration, Path workDir)
            throws IOException, InterruptedException {
        Recognition recognition = recognise(audio, lyrics, workDir);
        return new Transcript(
                "en",
                ENGINE,
                place(recognition.lyricWords(), recognition.lineOf(), recognition.heard(), audioDuration),
                false);
    }

    /** The lyric words, the line each is on, and the words pocketsphinx heard under the lyrics' grammar. */
    record Recognition(List<String> lyricWords, List<Integer> lineOf, List<Word> heard) {
        /** The heard word each lyric word got in the in-order match, or null. */
        Word[] matched() {
            return match(lyricWords, heard);
        }
    }

    static Recognition recognise(Path audio, String lyrics, Path workDir) throws IOException, InterruptedException {
        List<List<String>> lines = new ArrayList<>();
        List<String> display = new ArrayList<>();
        List<Integer> lineOf = new ArrayList<>();
        for (String line : lyrics.split("\\R")) {
            List<String> tokens = new ArrayList<>();
            for (String token : line.trim().split("\\s+")) {
                if (!normalise(token).isEmpty()) {
                    tokens.add(token);
                }
            }
            if (!tokens.isEmpty()) {
                tokens.forEach(token -> lineOf.add(lines.size()));
                lines.add(tokens);
                display.addAll(tokens);
            }
        }
        if (display.isEmpty()) {
            throw new IllegalArgumentException("the lyrics have no words");
        }
        Path wav = Sphinx.speechWav(audio, workDir);
        Path grammar = workDir.resolve("lyrics.gram");
        Files.writeString(grammar, grammar(lines, Sphinx.vocabulary()));
        return new Recognition(display, lineOf, Sphinx.recognise(wav, List.of("-jsgf", grammar.toString())));
    }

    /** {@code ( <line0> | <line1> | ... | <word> )+}, with only words the model knows. */
    static String grammar(List<List<String>> lines, Set<String> vocabulary) {
        StringBuilder out = new StringBuilder("#JSGF V1.0;\ngrammar lyrics;\n");
        List<String> rules = new ArrayList<>();
        Set<String> known = new java.util.TreeSet<>();
        for (int i = 0; i < lines.size(); i++) {
            List<String> words = lines.get(i).stream()
                    .map(LyricsAligner::normalise)
                    .filter(vocabulary::contains)
                    .toList();
            known.addAll(words);
            if (!words.isEmpty()) {
                out.append("<line")
                        .append(i)
                        .append("> = ")
                        .append(String.join(" ", words))
                        .append(";\n");
                rules.add("<line" + i + ">");
            }
        }
        if (known.isEmpty()) {
            throw new IllegalArgumentException("none of the lyrics' words is in the recogniser's dictionary");
        }
        out.append("<word> = ").append(String.join(" | ", known)).append(";\n");
        rules.add("<word>");
        out.append("public <lyrics> = ( ").append(String.join(" | ", rules)).append(" )+;\n");
        return out.toString();
    }

    /**
     * Matches heard words to the lyric words in order (edit distance), drops the matches whose times cannot be sung
     * ({@link #keepConsistent}), then gives the words not heard their times:
     * those finishing a line that was heard follow its last heard word, those starting a line that was heard lead
     * into its first heard word, each as long as its letters take at the singer's pace; whole lines not heard share
     * the silence between.
     */
    static List<Word> place(List<String> lyricWords, List<Integer> lineOf, List<Word> heard, double audioDuration) {
        Word[] matched = match(lyricWords, heard);
        double secondsPerLetter = pace(lyricWords, matched);
        keepConsistent(lyricWords, lineOf, matched, secondsPerLetter);
        int n = lyricWords.size();
        List<Word> placed = new ArrayList<>();
        for (int i = 0; i < n; ) {
            if (matched[i] != null) {
                double start = placed.isEmpty()
                        ? matched[i].start()
                        : Math.max(
                                matched[i].start(),
                                placed.get(placed.size() - 1).end());
                placed.add(new Word(
                        Math.min(start, audioDuration),
                        Math.min(Math.max(start, matched[i].end()), audioDuration),
                        lyricWords.get(i),
                        matched[i].confidence()));
                i++;
                continue;
            }
            int runEnd = i;
            while (runEnd < n && matched[runEnd] == null) {
                runEnd++;
            }
            double from = placed.isEmpty() ? 0 : placed.get(placed.size() - 1).end();
            double to = Math.max(from, Math.min(runEnd < n ? matched[runEnd].start() : audioDuration, audioDuration));
            placed.addAll(fillRun(lyricWords, lineOf, i, runEnd, from, to, secondsPerLetter));
            i = runEnd;
        }
        return placed;
    }

    /**
     * Unmatches the heard words that cannot be where they were heard. Under a band the recogniser hears lyric words in
     * noise too, and the in-order match may take such a word seconds from where it is sung: every word placed around it
     * follows it. Of the matched words, the longest chain (by dynamic programming) is kept in which each word follows the
     * previous one no sooner than the words between can be sung ({@link #SOONEST} of their length at the singer's pace)
     * and, within a line, no later than a singer holds them ({@link #LATEST} of it, plus {@link #LATEST_SLACK_SEC}).
     */
    private static void keepConsistent(
            List<String> lyricWords, List<Integer> lineOf, Word[] matched, double secondsPerLetter) {
        List<Integer> anchors = new ArrayList<>();
        for (int i = 0; i < matched.length; i++) {
            if (matched[i] != null) {
                anchors.add(i);
            }
        }
        // the time to sing the words before each word, so any stretch of words costs one subtraction
        double[] sungBefore = new double[matched.length + 1];
        for (int i = 0; i < matched.length; i++) {
            sungBefore[i + 1] = sungBefore[i] + duration(lyricWords.get(i), secondsPerLetter);
        }
        int count = anchors.size();
        int[] chain = new int[count];
        int[] previous = new int[count];
        int best = -1;
        for (int b = 0; b < count; b++) {
            chain[b] = 1;
            previous[b] = -1;
            int to = anchors.get(b);
            for (int a = 0; a < b; a++) {
                int from = anchors.get(a);
                double gap = matched[to].start() - matched[from].start();
                double sung = sungBefore[to] - sungBefore[from];
                boolean fits = gap >= SOONEST * sung
                        && (!lineOf.get(from).equals(lineOf.get(to)) || gap <= LATEST * sung + LATEST_SLACK_SEC);
                if (fits && chain[a] + 1 > chain[b]) {
                    chain[b] = chain[a] + 1;
                    previous[b] = a;
                }
            }
            if (best < 0 || chain[b] > chain[best]) {
                best = b;
            }
        }
        boolean[] kept = new boolean[matched.length];
        for (int b = best; b >= 0; b = previous[b]) {
            kept[anchors.get(b)] = true;
        }
        for (int i = 0; i < matched.length; i++) {
            if (!kept[i]) {
                matched[i] = null;
            }
        }
    }

    private static List<Word> fillRun(
            List<String> lyricWords,
            List<Integer> lineOf,
            int first,
            int end,
            double from,
            double to,
            double secondsPerLetter) {
        int n = lyricWords.size();
        int forwardEnd = first;
        while (first > 0 && forwardEnd < end && lineOf.get(forwardEnd).equals(lineOf.get(first - 1))) {
            forwardEnd++;
        }
        int backwardStart = end;
        while (end < n
                && backwardStart > forwardEnd
                && lineOf.get(backwardStart - 1).equals(lineOf.get(end))) {
            backwardStart--;
        }
        double forwardLength = length(lyricWords, first, forwardEnd, secondsPerLetter);
        double backwardLength = length(lyricWords, backwardStart, end, secondsPerLetter);
        if (forwardLength + backwardLength > to - from) {
            return spread(lyricWords, first, end, from, to); // no room for a natural pace: share what there is
        }
        List<Word> words = new ArrayList<>(sequential(lyricWords, first, forwardEnd, from, secondsPerLetter));
        double middleFrom = from + forwardLength;
        double middleTo = to - backwardLength;
        words.addAll(spread(lyricWords, forwardEnd, backwardStart, middleFrom, middleTo));
        words.addAll(sequential(lyricWords, backwardStart, end, middleTo, secondsPerLetter));
        return words;
    }

    private static List<Word> sequential(
            List<String> lyricWords, int first, int end, double from, double secondsPerLetter) {
        List<Word> words = new ArrayList<>();
        double t = from;
        for (int k = first; k < end; k++) {
            double length = duration(lyricWords.get(k), secondsPerLetter);
            words.add(new Word(t, t + length, lyricWords.get(k), 0));
            t += length;
        }
        return words;
    }

    private static List<Word> spread(List<String> lyricWords, int first, int end, double from, double to) {
        List<Word> words = new ArrayList<>();
        double step = end > first ? (to - from) / (end - first) : 0;
        for (int k = first; k < end; k++) {
            double start = from + step * (k - first);
            // the sum of the steps can pass the end by a rounding error, which would put the last word past the audio
            words.add(new Word(start, Math.min(to, start + step), lyricWords.get(k), 0));
        }
        return words;
    }

    private static double length(List<String> lyricWords, int first, int end, double secondsPerLetter) {
        double total = 0;
        for (int k = first; k < end; k++) {
            total += duration(lyricWords.get(k), secondsPerLetter);
        }
        return total;
    }

    private static double duration(String word, double secondsPerLetter) {
        return Math.max(0.12, normalise(word).length() * secondsPerLetter);
    }

    /** The singer's pace: median seconds per letter over the words heard. */
    private static double pace(List<String> lyricWords, Word[] matched) {
        List<Double> rates = new ArrayList<>();
        for (int i = 0; i < matched.length; i++) {
            int letters = normalise(lyricWords.get(i)).length();
            if (matched[i] != null && letters > 0) {
                rates.add((matched[i].end() - matched[i].start()) / letters);
            }
        }
        return rates.isEmpty() ? 0.07 : rates.stream().sorted().toList().get(rates.size() / 2);
    }

    /** Edit-distance alignment of the heard words to the lyrics; the heard word each lyric word got, or null. */
    private static Word[] match(List<String> lyricWords, List<Word> heard) {
        int n = lyricWords.size();
        int m = heard.size();
        int[][] cost = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) {
            cost[i][0] = i;
        }
        for (int j = 0; j <= m; j++) {
            cost[0][j] = j;
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                boolean same =
                        normalise(lyricWords.get(i - 1)).equals(heard.get(j - 1).word());
                cost[i][j] =
                        Math.min(cost[i - 1][j - 1] + (same ? 0 : 2), Math.min(cost[i - 1][j], cost[i][j - 1]) + 1);
            }
        }
        Word[] matched = new Word[n];
        for (int i = n, j = m; i > 0 && j > 0; ) {
            boolean same =
                    normalise(lyricWords.get(i - 1)).equals(heard.get(j - 1).word());
            if (same && cost[i][j] == cost[i - 1][j - 1]) {
                matched[i - 1] = heard.get(j - 1);
                i--;
                j--;
            } else if (cost[i][j] == cost[i - 1][j] + 1) {
                i--;
            } else if (cost[i][j] == cost[i][j - 1] + 1) {
                j--;
            } else {
                i--;
                j--;
            }
        }
        return matched;
    }

    static String normalise(String token) {
        return token.toLowerCase(Locale.ROOT).replaceAll("[^a-z']", "").replaceAll("^'+|'+$", "");
    }
}
