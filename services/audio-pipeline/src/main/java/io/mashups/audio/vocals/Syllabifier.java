package io.mashups.audio.vocals;

import io.mashups.media.MediaTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits lyrics into sung syllables with espeak-ng's own English pronunciation: its phonemes for each word
 * ({@code -x --sep=_}), cut at every vowel nucleus. Consonants between two vowels start the second syllable, except
 * the first of a cluster, which closes the first; a syllabic consonant after a vowel closes it. The phonemes of each
 * syllable read back in espeak-ng's phoneme input ({@code [[...]]}), so each is pronounced as in the word.
 */
public final class Syllabifier {
    private static final String VOWEL_STARTS = "aeiouAEIOUV03@";

    private final String language;

    public Syllabifier(String language) {
        this.language = language;
    }

    /** The syllables of each line, in order; a line espeak-ng gives no phonemes for is left out. */
    public List<List<Syllable>> lines(List<String> lines, Path workDir) throws IOException, InterruptedException {
        List<List<Syllable>> phrases = new ArrayList<>();
        Path text = workDir.resolve("line.txt");
        for (String line : lines) {
            Files.writeString(text, line);
            MediaTools.Result result = MediaTools.run(
                    List.of("espeak-ng", "-q", "-x", "--sep=_", "-v", language, "-f", text.toString()), 60);
            if (result.exitCode() != 0) {
                throw new IOException("espeak-ng failed: " + MediaTools.lastLine(result.stderr()));
            }
            List<Syllable> syllables = new ArrayList<>();
            for (String word : result.stdout().trim().split("\\s+")) {
                syllables.addAll(word(word));
            }
            if (!syllables.isEmpty()) {
                phrases.add(syllables);
            }
        }
        return phrases;
    }

    /** One word's phonemes ({@code b_j_'u:_t#_i_f_@L}) as syllables. */
    static List<Syllable> word(String phonemes) {
        List<String> units = new ArrayList<>();
        for (String unit : phonemes.split("_")) {
            if (!unit.isBlank()) {
                units.add(unit);
            }
        }
        List<Integer> nuclei = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            boolean syllabicAfterVowel = isSyllabicConsonant(units.get(i)) && i > 0 && isVowel(units.get(i - 1));
            if ((isVowel(units.get(i)) || isSyllabicConsonant(units.get(i))) && !syllabicAfterVowel) {
                nuclei.add(i);
            }
        }
        List<Syllable> syllables = new ArrayList<>();
        if (nuclei.isEmpty()) {
            return syllables;
        }
        int start = 0;
        for (int n = 0; n < nuclei.size(); n++) {
            int end = units.size();
            if (n + 1 < nuclei.size()) {
                int nucleus = nuclei.get(n);
                int next = nuclei.get(n + 1);
                int consonants = next - nucleus - 1;
                end = consonants <= 1 ? nucleus + 1 : nucleus + 2;
                if (consonants >= 1 && isSyllabicConsonant(units.get(nucleus + 1))) {
                    end = nucleus + 2;
                }
            }
            String joined = String.join("", units.subList(start, end));
            syllables.add(new Syllable(joined, joined.contains("'"), n == 0));
            start = end;
        }
        return syllables;
    }

    private static boolean isVowel(String unit) {
        String bare = unit.replace("'", "").replace(",", "");
        return !bare.isEmpty() && VOWEL_STARTS.indexOf(bare.charAt(0)) >= 0;
    }

    private static boolean isSyllabicConsonant(String unit) {
        return unit.length() > 1 && unit.endsWith("-");
    }
}
