package io.mashups.studio.document;

import java.util.regex.Pattern;

/**
 * Order keys that always have room between them: strings over {@code 0-9A-Za-z} compared as plain strings (that
 * alphabet is in ascending code order). A client that moves a track between two others picks a key between theirs,
 * so concurrent moves never renumber anything; equal keys are ordered by id. A key never ends in {@code 0}, so there
 * is always room below it.
 */
public final class FractionalIndex {
    private static final String DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int BASE = DIGITS.length();
    private static final Pattern KEY = Pattern.compile("[0-9A-Za-z]{0,63}[1-9A-Za-z]");

    public static boolean valid(String key) {
        return key != null && KEY.matcher(key).matches();
    }

    /** A key after {@code before} (null: the start) and before {@code after} (null: the end); requires before < after. */
    public static String between(String before, String after) {
        String low = before == null ? "" : before;
        String high = after;
        if (high != null && low.compareTo(high) >= 0) {
            throw new IllegalArgumentException(low + " is not before " + high);
        }
        StringBuilder key = new StringBuilder();
        for (int i = 0; ; i++) {
            int lowDigit = i < low.length() ? DIGITS.indexOf(low.charAt(i)) : 0;
            int highDigit = high != null && i < high.length() ? DIGITS.indexOf(high.charAt(i)) : BASE;
            if (lowDigit == highDigit) {
                key.append(DIGITS.charAt(lowDigit));
                continue;
            }
            // with no upper bound, one step above the lower key: tracks are mostly appended, and halving the room
            // left up to z at every append made keys a digit longer every 6 appends (past 64 after ~380 tracks,
            // so such a document's snapshot no longer loaded); stepping makes it one digit per 31
            int middle = high == null && i < low.length() ? lowDigit + 1 : (lowDigit + highDigit) / 2;
            if (middle > lowDigit && middle < BASE) {
                return key.append(DIGITS.charAt(middle)).toString();
            }
            // adjacent digits: keep the lower one and find room above the rest of the lower key
            key.append(DIGITS.charAt(lowDigit));
            high = null;
        }
    }

    private FractionalIndex() {}
}
