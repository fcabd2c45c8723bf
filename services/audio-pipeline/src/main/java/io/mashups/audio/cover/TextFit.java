package io.mashups.audio.cover;

import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.font.LineBreakMeasurer;
import java.awt.font.TextLayout;
import java.awt.geom.Rectangle2D;
import java.text.AttributedCharacterIterator;
import java.util.ArrayList;
import java.util.List;

/**
 * Text set inside a box: the largest size from {@code maxSize} down to {@code minSize} at which it wraps into at most
 * {@code maxLines} lines that fit the box, measured by the glyphs' drawn bounds (not just their advance, so accents,
 * Arabic marks and overhangs count); at the smallest size, what does not fit ends in an ellipsis. Lines wrap where the
 * script allows (between words, or between ideographs) and inside a word only when it is wider than the box.
 */
final class TextFit {
    private static final String ELLIPSIS = "\u2026";
    private static final float STEP = 0.92f;
    private static final float LEADING = 1.15f;

    /** The text as set: its lines and where each is drawn (baseline origin), and the size chosen. */
    record Fitted(List<TextLayout> lines, List<double[]> origins, float size) {
        /** The drawn bounds of every line, where they are drawn. */
        List<Rectangle2D> bounds() {
            List<Rectangle2D> all = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                Rectangle2D b = lines.get(i).getBounds();
                all.add(new Rectangle2D.Double(
                        origins.get(i)[0] + b.getX(), origins.get(i)[1] + b.getY(), b.getWidth(), b.getHeight()));
            }
            return all;
        }

        void draw(Graphics2D g) {
            for (int i = 0; i < lines.size(); i++) {
                lines.get(i).draw(g, (float) origins.get(i)[0], (float) origins.get(i)[1]);
            }
        }
    }

    /** START: the left edge for left-to-right lines, the right edge for right-to-left ones (Arabic, Hebrew). */
    enum Align {
        START,
        CENTER
    }

    private TextFit() {}

    static Fitted fit(
            String text,
            boolean strong,
            Rectangle2D box,
            float maxSize,
            float minSize,
            int maxLines,
            Align align,
            FontRenderContext frc) {
        float size = maxSize;
        while (size * STEP >= minSize) {
            List<TextLayout> lines = wrap(text, strong, size, box.getWidth(), maxLines, false, frc);
            if (lines != null) {
                Fitted fitted = place(lines, box, align, size);
                if (inside(fitted, box)) {
                    return fitted;
                }
            }
            size *= STEP;
        }
        // the smallest size: as many lines as the box holds, the last one ending in an ellipsis
        for (int allowed = maxLines; allowed > 1; allowed--) {
            Fitted fitted = place(wrap(text, strong, size, box.getWidth(), allowed, true, frc), box, align, size);
            if (inside(fitted, box)) {
                return fitted;
            }
        }
        return place(wrap(text, strong, size, box.getWidth(), 1, true, frc), box, align, size);
    }

    /** Whether every line's drawn glyphs lie in the box (half a pixel of anti-aliasing allowed). */
    static boolean inside(Fitted fitted, Rectangle2D box) {
        Rectangle2D allowed =
                new Rectangle2D.Double(box.getX() - 0.5, box.getY() - 0.5, box.getWidth() + 1, box.getHeight() + 1);
        return fitted.bounds().stream().allMatch(allowed::contains);
    }

    /**
     * The text wrapped at {@code size} into lines no wider than {@code width}; null when it takes more than {@code
     * maxLines}, unless {@code truncate}: then the last line ends in an ellipsis.
     */
    private static List<TextLayout> wrap(
            String text,
            boolean strong,
            float size,
            double width,
            int maxLines,
            boolean truncate,
            FontRenderContext frc) {
        AttributedCharacterIterator chars =
                CoverFonts.FONTS.styled(text, size, strong).getIterator();
        LineBreakMeasurer measurer = new LineBreakMeasurer(chars, frc);
        List<TextLayout> lines = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        while (measurer.getPosition() < text.length()) {
            starts.add(measurer.getPosition());
            TextLayout line = measurer.nextLayout((float) width);
            if (line.getBounds().getWidth() > width) {
                // the glyphs overhang their advance: break this line shorter
                measurer.setPosition(starts.get(starts.size() - 1));
                line = measurer.nextLayout((float) (width - (line.getBounds().getWidth() - width)) - 1);
            }
            lines.add(line);
            if (lines.size() > maxLines) {
                if (!truncate) {
                    return null;
                }
                lines.remove(lines.size() - 1);
                int from = starts.get(maxLines - 1);
                lines.set(maxLines - 1, ellipsized(text.substring(from), strong, size, width, frc));
                return lines;
            }
        }
        return lines;
    }

    /** The longest start of {@code rest} that fits {@code width} with an ellipsis after it. */
    private static TextLayout ellipsized(String rest, boolean strong, float size, double width, FontRenderContext frc) {
        int end = rest.length();
        while (true) {
            String candidate = rest.substring(0, end).strip() + ELLIPSIS;
            TextLayout line = new TextLayout(
                    CoverFonts.FONTS.styled(candidate, size, strong).getIterator(), frc);
            if (line.getBounds().getWidth() <= width || end == 0) {
                return line;
            }
            end = rest.offsetByCodePoints(end, -1);
        }
    }

    private static double height(List<TextLayout> lines) {
        double height = 0;
        for (TextLayout line : lines) {
            height += lineHeight(line);
        }
        return height;
    }

    private static double lineHeight(TextLayout line) {
        return (line.getAscent() + line.getDescent()) * LEADING;
    }

    private static Fitted place(List<TextLayout> lines, Rectangle2D box, Align align, float size) {
        List<double[]> origins = new ArrayList<>();
        double y = box.getY() + (box.getHeight() - height(lines)) / 2;
        for (TextLayout line : lines) {
            double lineHeight = lineHeight(line);
            double baseline = y + (lineHeight - line.getAscent() - line.getDescent()) / 2 + line.getAscent();
            Rectangle2D bounds = line.getBounds();
            double x;
            if (align == Align.CENTER) {
                x = box.getX() + (box.getWidth() - bounds.getWidth()) / 2 - bounds.getX();
            } else if (line.isLeftToRight()) {
                x = box.getX() - Math.min(0, bounds.getX());
            } else {
                x = box.getMaxX() - bounds.getMaxX();
            }
            origins.add(new double[] {x, baseline});
            y += lineHeight;
        }
        return new Fitted(lines, origins, size);
    }
}
