package io.mashups.audio.cover;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.font.TextAttribute;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.AttributedString;
import java.util.List;

/**
 * The fonts shipped in the service's resources ({@code fonts/}), no system font needed: Noto Sans for Latin, Greek and
 * Cyrillic, Noto's Arabic, Hebrew, Devanagari and Thai, Droid Sans Fallback for Chinese, Japanese and Korean. Java2D
 * does not fall back between fonts it did not find on the system, so each character is given the first font of the
 * chain that has its glyph.
 */
final class CoverFonts {
    private static final List<String> REGULAR = List.of(
            "NotoSans-Regular.ttf",
            "NotoSansArabic-Regular.ttf",
            "NotoSansHebrew-Regular.ttf",
            "NotoSansDevanagari-Regular.ttf",
            "NotoSansThai-Regular.ttf",
            "DroidSansFallback.ttf");
    private static final List<String> BOLD = List.of(
            "NotoSans-Bold.ttf",
            "NotoSansArabic-Bold.ttf",
            "NotoSansHebrew-Regular.ttf",
            "NotoSansDevanagari-Regular.ttf",
            "NotoSansThai-Regular.ttf",
            "DroidSansFallback.ttf");

    static final CoverFonts FONTS = new CoverFonts();

    private final List<Font> regular;
    private final List<Font> bold;

    private CoverFonts() {
        regular = REGULAR.stream().map(name -> load(name, false)).toList();
        bold = BOLD.stream().map(name -> load(name, !name.contains("-Bold"))).toList();
    }

    /** {@code text} with each run of characters in the first font of the chain that draws them, at {@code size}. */
    AttributedString styled(String text, float size, boolean strong) {
        List<Font> chain = strong ? bold : regular;
        AttributedString styled = new AttributedString(text);
        int start = 0;
        int current = -1;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int font = fontFor(chain, codePoint, current);
            if (font != current) {
                if (current >= 0) {
                    styled.addAttribute(TextAttribute.FONT, chain.get(current).deriveFont(size), start, i);
                }
                current = font;
                start = i;
            }
            i += Character.charCount(codePoint);
        }
        if (current >= 0) {
            styled.addAttribute(TextAttribute.FONT, chain.get(current).deriveFont(size), start, text.length());
        }
        return styled;
    }

    /** Whether some font of the chain draws the character (otherwise it shows as the first font's missing glyph). */
    boolean draws(int codePoint) {
        return regular.stream().anyMatch(font -> font.canDisplay(codePoint));
    }

    /**
     * The font for one character: spaces, marks and punctuation that every font has stay in the current run (so a
     * space between two Arabic words does not switch to Latin and back); otherwise the first font with the glyph.
     */
    private static int fontFor(List<Font> chain, int codePoint, int current) {
        if (current >= 0 && chain.get(current).canDisplay(codePoint) && !Character.isLetterOrDigit(codePoint)) {
            return current;
        }
        for (int i = 0; i < chain.size(); i++) {
            if (chain.get(i).canDisplay(codePoint)) {
                return i;
            }
        }
        return current >= 0 ? current : 0;
    }

    private static Font load(String name, boolean embolden) {
        try (InputStream in = CoverFonts.class.getResourceAsStream("/fonts/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the font " + name + " is missing from the resources");
            }
            Font font = Font.createFont(Font.TRUETYPE_FONT, in);
            // a script without a bold face is drawn with a synthesised one
            return embolden ? font.deriveFont(Font.BOLD) : font;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FontFormatException e) {
            throw new IllegalStateException("the font " + name + " cannot be read", e);
        }
    }
}
