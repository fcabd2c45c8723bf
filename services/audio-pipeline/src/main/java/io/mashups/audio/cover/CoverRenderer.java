package io.mashups.audio.cover;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws a cover with Java2D, headless: each template lays its parts out in fractions of the image (and of its shorter
 * side, so the square and the link preview share a design), and sets the title and creator with {@link TextFit} so
 * they stay inside their boxes whatever their length or script.
 */
public final class CoverRenderer {
    private CoverRenderer() {}

    /** What was drawn: the image, and the title's and creator's text as set (for checking they fit). */
    record Rendered(BufferedImage image, List<SetText> texts) {}

    /** A text's box and the drawn bounds of each of its lines. */
    record SetText(String text, Rectangle2D box, List<Rectangle2D> lines) {}

    public static BufferedImage render(CoverArt art, CoverTemplate template, CoverSize size) {
        return draw(art, template, size).image();
    }

    static Rendered draw(CoverArt art, CoverTemplate template, CoverSize size) {
        BufferedImage image = new BufferedImage(size.width, size.height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            Canvas canvas = new Canvas(g, size.width, size.height, new Palette(art.seed()), art);
            switch (template) {
                case GRADIENT -> canvas.gradient();
                case WAVEFORM_BARS -> canvas.bars();
                case CIRCULAR -> canvas.circular();
                case MINIMAL -> canvas.minimal();
            }
            return new Rendered(image, canvas.texts);
        } finally {
            g.dispose();
        }
    }

    /** Colours from the seed: a hue for the background and one more per section group. */
    private record Palette(float hue) {
        Palette(long seed) {
            this((float) (Math.floorMod(seed, 360) / 360.0));
        }

        Color of(float hueShift, float saturation, float brightness) {
            return Color.getHSBColor(hue + hueShift, saturation, brightness);
        }

        Color section(int group) {
            return of(0.17f * group + 0.5f, 0.55f, 0.97f);
        }
    }

    private static final class Canvas {
        private final Graphics2D g;
        private final double w;
        private final double h;
        /** A hundredth of the shorter side: sizes of strokes and type. */
        private final double u;

        private final Palette palette;
        private final CoverArt art;
        private final List<SetText> texts = new ArrayList<>();

        Canvas(Graphics2D g, int width, int height, Palette palette, CoverArt art) {
            this.g = g;
            this.w = width;
            this.h = height;
            this.u = Math.min(width, height) / 100.0;
            this.palette = palette;
            this.art = art;
        }

        void gradient() {
            g.setPaint(new GradientPaint(
                    0, 0, palette.of(0, 0.65f, 0.55f), (float) w, (float) h, palette.of(0.12f, 0.8f, 0.2f)));
            g.fill(new Rectangle2D.Double(0, 0, w, h));
            Path2D wave = mirroredWave(0.06 * w, 0.94 * w, 0.40 * h, 0.17 * h);
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.9f));
            g.setColor(Color.WHITE);
            g.fill(wave);
            g.setComposite(AlphaComposite.SrcOver);
            text(art.title(), true, box(0.08, 0.62, 0.92, 0.84), 12, 3.2, 3, TextFit.Align.CENTER, Color.WHITE);
            text(
                    art.creator(),
                    false,
                    box(0.08, 0.86, 0.92, 0.94),
                    4.4,
                    2.4,
                    1,
                    TextFit.Align.CENTER,
                    new Color(255, 255, 255, 210));
        }

        void bars() {
            g.setColor(palette.of(0, 0.5f, 0.12f));
            g.fill(new Rectangle2D.Double(0, 0, w, h));
            int count = art.bars() >= 16 && art.bars() <= 128 ? art.bars() : 64;
            double left = 0.06 * w;
            double slot = 0.88 * w / count;
            double bottom = 0.9 * h;
            double tallest = 0.42 * h;
            for (int i = 0; i < count; i++) {
                double from = (double) i / count;
                double to = (double) (i + 1) / count;
                double height = Math.max(0.6 * u, art.peakBetween(from, to) * tallest);
                g.setColor(palette.section(art.groupAt((from + to) / 2)));
                double width = slot * 0.7;
                g.fill(new RoundRectangle2D.Double(
                        left + i * slot + (slot - width) / 2, bottom - height, width, height, width, width));
            }
            text(art.title(), true, box(0.07, 0.07, 0.93, 0.34), 11, 3.2, 3, TextFit.Align.START, Color.WHITE);
            text(
                    art.creator(),
                    false,
                    box(0.07, 0.36, 0.93, 0.43),
                    4.4,
                    2.4,
                    1,
                    TextFit.Align.START,
                    palette.section(0));
        }

        void circular() {
            double side = Math.min(w, h);
            double cx = w / 2;
            double cy = 0.45 * h;
            g.setPaint(new RadialGradientPaint(
                    (float) cx, (float) cy, (float) (0.75 * Math.max(w, h)), new float[] {0, 1}, new Color[] {
                        palette.of(0, 0.6f, 0.45f), palette.of(0.08f, 0.8f, 0.1f)
                    }));
            g.fill(new Rectangle2D.Double(0, 0, w, h));
            double radius = 0.22 * side;
            int spikes = 160;
            g.setStroke(new BasicStroke((float) (0.55 * u), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            for (int i = 0; i < spikes; i++) {
                double from = (double) i / spikes;
                double to = (double) (i + 1) / spikes;
                double angle = 2 * Math.PI * from - Math.PI / 2;
                double length = 0.01 * side + art.peakBetween(from, to) * 0.14 * side;
                g.setColor(palette.section(art.groupAt((from + to) / 2)));
                g.draw(new Line2D.Double(
                        cx + radius * Math.cos(angle),
                        cy + radius * Math.sin(angle),
                        cx + (radius + length) * Math.cos(angle),
                        cy + (radius + length) * Math.sin(angle)));
            }
            double inner = 0.66 * radius;
            text(
                    art.title(),
                    true,
                    new Rectangle2D.Double(cx - inner, cy - inner, 2 * inner, 2 * inner),
                    8,
                    2.4,
                    4,
                    TextFit.Align.CENTER,
                    Color.WHITE);
            double below = cy + radius + 0.16 * side;
            text(
                    art.creator(),
                    false,
                    new Rectangle2D.Double(0.1 * w, below, 0.8 * w, 0.07 * side),
                    4.4,
                    2.4,
                    1,
                    TextFit.Align.CENTER,
                    new Color(255, 255, 255, 220));
        }

        void minimal() {
            g.setColor(palette.of(0, 0.06f, 0.97f));
            g.fill(new Rectangle2D.Double(0, 0, w, h));
            Color ink = palette.of(0, 0.6f, 0.18f);
            text(art.title(), true, box(0.08, 0.12, 0.92, 0.66), 15, 3.2, 4, TextFit.Align.START, ink);
            g.setColor(palette.section(art.groupAt(0)));
            g.fill(new Rectangle2D.Double(0.08 * w, 0.71 * h, 0.22 * w, 0.7 * u));
            text(art.creator(), false, box(0.08, 0.75, 0.92, 0.83), 4.4, 2.4, 1, TextFit.Align.START, ink);
            Path2D line = new Path2D.Double();
            int points = 400;
            for (int i = 0; i <= points; i++) {
                double from = (double) i / points;
                double x = 0.08 * w + from * 0.84 * w;
                double sign = i % 2 == 0 ? 1 : -1;
                double y = 0.91 * h + sign * art.peakBetween(from, from + 1.0 / points) * 0.04 * h;
                if (i == 0) {
                    line.moveTo(x, y);
                } else {
                    line.lineTo(x, y);
                }
            }
            g.setStroke(new BasicStroke((float) (0.25 * u)));
            g.setColor(ink);
            g.draw(line);
        }

        /** The waveform as a shape mirrored about {@code middle}, {@code amplitude} above and below at a peak of 1. */
        private Path2D mirroredWave(double left, double right, double middle, double amplitude) {
            int points = 300;
            Path2D wave = new Path2D.Double();
            double[] top = new double[points + 1];
            for (int i = 0; i <= points; i++) {
                double from = (double) i / points;
                top[i] = Math.max(0.004, art.peakBetween(from, from + 1.0 / points)) * amplitude;
            }
            wave.moveTo(left, middle - top[0]);
            for (int i = 1; i <= points; i++) {
                wave.lineTo(left + (right - left) * i / points, middle - top[i]);
            }
            for (int i = points; i >= 0; i--) {
                wave.lineTo(left + (right - left) * i / points, middle + top[i]);
            }
            wave.closePath();
            return wave;
        }

        private Rectangle2D box(double left, double top, double right, double bottom) {
            return new Rectangle2D.Double(left * w, top * h, (right - left) * w, (bottom - top) * h);
        }

        /** Sets text in its box; sizes in hundredths of the shorter side. Nothing for missing or blank text. */
        private void text(
                String text,
                boolean strong,
                Rectangle2D box,
                double maxSize,
                double minSize,
                int maxLines,
                TextFit.Align align,
                Color color) {
            if (text == null || text.isBlank()) {
                return;
            }
            TextFit.Fitted fitted = TextFit.fit(
                    text,
                    strong,
                    box,
                    (float) (maxSize * u),
                    (float) (minSize * u),
                    maxLines,
                    align,
                    g.getFontRenderContext());
            g.setColor(color);
            fitted.draw(g);
            texts.add(new SetText(text, box, fitted.bounds()));
        }
    }
}
