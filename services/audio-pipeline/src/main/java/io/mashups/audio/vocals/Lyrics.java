package io.mashups.audio.vocals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Lyrics as a request sends them: plain text, one phrase per line. */
public final class Lyrics {
    static final int MAX_LINES = 100;
    private static final Pattern MARKUP = Pattern.compile("<[^>]*>|\\[\\[|]]|&#?\\w+;|[{}\\\\]");

    private Lyrics() {}

    /**
     * The phrases: lines trimmed, blank ones dropped. Empty when there is something to refuse, with the reason in
     * {@code problem}.
     */
    static List<String> lines(String lyrics, java.util.Map<String, String> problems) {
        List<String> lines = new ArrayList<>();
        if (lyrics == null || lyrics.isBlank()) {
            problems.put("lyrics", "must have at least one line with words");
            return lines;
        }
        if (lyrics.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            problems.put("lyrics", "must not contain control characters");
            return lines;
        }
        if (MARKUP.matcher(lyrics).find()) {
            problems.put("lyrics", "must be plain text: no tags, entities, braces, backslashes or [[phonemes]]");
            return lines;
        }
        for (String line : lyrics.split("\\R")) {
            String phrase = line.strip().replace('\t', ' ');
            if (phrase.codePoints().anyMatch(Character::isLetter)) {
                lines.add(phrase);
            }
        }
        if (lines.isEmpty()) {
            problems.put("lyrics", "must have at least one line with words");
        } else if (lines.size() > MAX_LINES) {
            problems.put("lyrics", "must have at most " + MAX_LINES + " lines");
        }
        return problems.containsKey("lyrics") ? List.of() : lines;
    }

    /** The script of the first letter outside Latin, if any (the local engine sings English only). */
    static Optional<Character.UnicodeScript> nonLatinScript(List<String> lines) {
        return lines.stream()
                .flatMapToInt(String::codePoints)
                .filter(Character::isLetter)
                .mapToObj(Character.UnicodeScript::of)
                .filter(script -> script != Character.UnicodeScript.LATIN)
                .findFirst();
    }
}
