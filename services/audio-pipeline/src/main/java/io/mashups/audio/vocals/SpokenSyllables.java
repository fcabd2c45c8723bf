package io.mashups.audio.vocals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Where the syllables of a line flite said begin, from the phones it said and when each ended (what {@code flite
 * -psdur} prints): a syllable per vowel, from the vowel's start. That is where a syllable is heard to fall on its beat
 * (an onset detector, like a listener, hears the vowel's attack more than the consonants before it): placing the
 * syllables' first consonants on the beats instead put every vocal's onsets 10-25 ms further off, and finding the
 * vowels from the envelope moved cuts by a phone where a vowel dipped or a consonant was loud, which cost words.
 */
final class SpokenSyllables {
    /** ARPAbet vowels as flite's US English lexicon writes them. */
    private static final Set<String> VOWELS = Set.of(
            "aa", "ae", "ah", "ao", "aw", "ax", "axr", "ay", "eh", "er", "ey", "ih", "ix", "iy", "ow", "oy", "uh",
            "uw");

    /** A phone and when it ended, in seconds from the start of what flite wrote. */
    record Phone(String name, double endSec) {}

    private SpokenSyllables() {}

    /** The phones of {@code flite -psdur}'s output ({@code name:end} pairs separated by spaces). */
    static List<Phone> parse(String printed) {
        List<Phone> phones = new ArrayList<>();
        for (String token : printed.trim().split("\\s+")) {
            int colon = token.lastIndexOf(':');
            if (colon > 0) {
                try {
                    phones.add(new Phone(token.substring(0, colon), Double.parseDouble(token.substring(colon + 1))));
                } catch (NumberFormatException notAPhone) {
                    // flite prints nothing else on that line; anything else is not a phone
                }
            }
        }
        return phones;
    }

    /**
     * Where each of {@code count} syllables begins, in samples from {@code offset} (where the line's speech was cut
     * from flite's output, {@code length} long): the first at 0, each after the one before and inside the line. Where
     * flite said more vowels than there are syllables (as "fire": f-ay-er), vowels with nothing between them merge
     * first, then the shortest syllables into the ones before; where it said fewer, the longest are halved.
     */
    static int[] starts(List<Phone> phones, int count, int sampleRate, int offset, int length) {
        List<Integer> starts = new ArrayList<>();
        List<Boolean> afterVowel = new ArrayList<>();
        double previousEnd = 0;
        boolean previousWasVowel = false;
        for (Phone phone : phones) {
            boolean vowel = VOWELS.contains(phone.name());
            if (vowel) {
                starts.add((int) Math.round(previousEnd * sampleRate) - offset);
                afterVowel.add(previousWasVowel);
            }
            previousWasVowel = vowel;
            previousEnd = phone.endSec();
        }
        while (starts.size() > Math.max(1, count)) {
            int merged = afterVowel.indexOf(true);
            if (merged < 1) {
                merged = 1;
                for (int i = 2; i < starts.size(); i++) {
                    if (end(starts, i, length) - starts.get(i) < end(starts, merged, length) - starts.get(merged)) {
                        merged = i;
                    }
                }
            }
            starts.remove(merged);
            afterVowel.remove(merged);
        }
        if (starts.isEmpty()) {
            starts.add(0);
        }
        starts.set(0, 0);
        while (starts.size() < count) {
            int longest = 0;
            for (int i = 1; i < starts.size(); i++) {
                if (end(starts, i, length) - starts.get(i) > end(starts, longest, length) - starts.get(longest)) {
                    longest = i;
                }
            }
            starts.add(longest + 1, (starts.get(longest) + end(starts, longest, length)) / 2);
        }
        int[] result = new int[count];
        for (int i = 1; i < count; i++) {
            // a time map needs every point after the one before, and inside the line
            result[i] = Math.min(length - (count - i), Math.max(starts.get(i), result[i - 1] + 1));
        }
        return result;
    }

    private static int end(List<Integer> starts, int syllable, int length) {
        return syllable + 1 < starts.size() ? starts.get(syllable + 1) : length;
    }
}
