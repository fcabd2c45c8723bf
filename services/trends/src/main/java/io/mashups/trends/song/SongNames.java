package io.mashups.trends.song;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Titles and artists as charts spell them, reduced to keys that match across sources: accents, case, punctuation,
 * featured artists, version tags (remix, edit, live, remaster...), brackets and a leading "The" do not count. Two songs
 * are one when their title keys are equal and they share an artist; nothing fuzzier, so different songs with close
 * names stay two.
 */
public final class SongNames {
    /** Words that mark a version of a song (in brackets or after " - "), never a different song. */
    private static final Pattern VERSION = Pattern.compile(
            "\\b(remix|rmx|mix|edit|live|remaster(ed)?|version|mono|stereo|radio|extended|acoustic|official|video"
                    + "|audio|lyrics?|visuali[sz]er|explicit|clean|bonus|deluxe|demo|instrumental|sped up|slowed"
                    + "|reverb|from|soundtrack|session|single|taylor'?s|feat|ft|featuring|with|prod)\\b");

    private static final Pattern BRACKETED = Pattern.compile("\\s*[(\\[{][^()\\[\\]{}]*[)\\]}]");
    private static final Pattern DASH_TAIL = Pattern.compile("\\s+[-–—]\\s+(.*)$");
    private static final Pattern ARTIST_THEN_TITLE = Pattern.compile("^(.+?)\\s+[-–—]\\s+(.+)$");
    private static final Pattern PIPE_TAIL = Pattern.compile("\\s*[|｜].*$");
    private static final Pattern FEATURING = Pattern.compile("\\s+(feat\\.?|ft\\.?|featuring)\\s+.*$");
    private static final Pattern ARTIST_SEPARATORS = Pattern.compile(
            "\\s*(,|;|&|\\+|\\band\\b|\\bx\\b|×|\\bfeat\\.?|\\bft\\.?|\\bfeaturing\\b|\\bwith\\b|\\bvs\\.?|\\s/\\s)\\s*");
    private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern LEADING_THE = Pattern.compile("^the\\s+");

    private SongNames() {}

    /**
     * A title's key: "Blinding Lights - Radio Edit", "blinding lights (feat. x)" and "Blinding Lights" agree, and so
     * does "The Weeknd - Blinding Lights" when the credit names The Weeknd (titles that repeat the artist).
     */
    public static String titleKey(String title, List<String> artistKeys) {
        var dash = ARTIST_THEN_TITLE.matcher(plain(title));
        if (dash.matches() && artistKeys.contains(compact(dash.group(1)))) {
            return titleKey(dash.group(2));
        }
        return titleKey(title);
    }

    private static String titleKey(String title) {
        String plain = plain(title);
        String cut = PIPE_TAIL.matcher(plain).replaceAll("");
        var dash = DASH_TAIL.matcher(cut);
        if (dash.find() && VERSION.matcher(dash.group(1)).find()) {
            cut = cut.substring(0, dash.start());
        }
        String unbracketed = BRACKETED.matcher(cut).replaceAll("");
        String core = FEATURING.matcher(unbracketed).replaceAll("");
        String key = compact(core);
        // a title that is all brackets ("(Untitled)") keeps what it has
        return key.isEmpty() ? compact(cut) : key;
    }

    /** The artists a credit names ("A feat. B & C", "A, B", "A x B"), as keys, in order, without duplicates. */
    public static List<String> artistKeys(String artist) {
        String plain = BRACKETED.matcher(plain(artist)).replaceAll(" ");
        Set<String> keys = new LinkedHashSet<>();
        for (String part : ARTIST_SEPARATORS.split(plain)) {
            String key = compact(part);
            if (!key.isEmpty()) {
                keys.add(key);
            }
        }
        if (keys.isEmpty()) {
            keys.add(compact(artist == null ? "" : artist));
        }
        return new ArrayList<>(keys);
    }

    /** Whether two credits share an artist. */
    public static boolean shareAnArtist(List<String> one, List<String> other) {
        return one.stream().anyMatch(other::contains);
    }

    /** Lower case, no accents, typographic quotes made plain, "$" and "!" inside a word read as letters. */
    private static String plain(String text) {
        if (text == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        return decomposed
                .toLowerCase(Locale.ROOT)
                .replaceAll("[’‘`´]", "'")
                .replaceAll("(?<=\\p{L})\\$|\\$(?=\\p{L})", "s")
                .replaceAll("(?<=\\p{L})!(?=\\p{L})", "i")
                .replace("&", " & ")
                .strip();
    }

    /** Letters and digits only, without a leading "the": "The Weeknd" and "weeknd" agree, so do "AC/DC" and "ACDC". */
    private static String compact(String text) {
        String spaced = NOT_ALPHANUMERIC
                .matcher(text.replace("'", "").replace("&", " and "))
                .replaceAll(" ")
                .strip();
        return LEADING_THE.matcher(spaced).replaceFirst("").replace(" ", "");
    }
}
