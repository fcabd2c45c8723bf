package io.mashups.audio.cover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Covers as drawn: text inside its box for titles of 1 to 120 characters in twelve scripts and shapes, every
 * template and size against its golden image within a perceptual tolerance, and both formats.
 *
 * <p>Golden images are the covers scaled to 256 pixels on the longer side (what a glance compares; font rasterizers
 * differ in single pixels between JDKs). Tolerance, in CIE76 colour difference over the scaled image: mean ΔE at most
 * 1.5 and the 99th percentile at most 10 (ΔE 2.3 is about the smallest difference people notice). Rewrite them after a
 * deliberate design change with {@code -Dcovers.golden.update=true}.
 */
class CoverArtTest {
    private static final int[] LENGTHS = {1, 2, 7, 20, 45, 80, 120};
    private static final int GOLDEN_SIDE = 256;
    private static final double MEAN_DELTA_E = 1.5;
    private static final double P99_DELTA_E = 10;

    @Test
    void textStaysInsideItsBoxForEveryLengthAndScript() {
        List<String> outside = new ArrayList<>();
        int texts = 0;
        for (String phrase : CoverSamples.SCRIPTS) {
            for (int length : LENGTHS) {
                String title = CoverSamples.title(phrase, length);
                for (CoverTemplate template : CoverTemplate.values()) {
                    // the largest size for the longest titles; the others scale the same design
                    List<CoverSize> sizes = length == 120
                            ? List.of(CoverSize.values())
                            : List.of(CoverSize.SQUARE, CoverSize.LINK_PREVIEW);
                    for (CoverSize size : sizes) {
                        CoverArt art = CoverSamples.art(title, CoverSamples.title(phrase, 40), 7);
                        for (CoverRenderer.SetText text :
                                CoverRenderer.draw(art, template, size).texts()) {
                            texts++;
                            Rectangle2D box = text.box();
                            for (Rectangle2D line : text.lines()) {
                                if (!grown(box, 0.5).contains(line)) {
                                    outside.add(template + " " + size.wire() + " \"" + text.text() + "\": " + line
                                            + " outside " + box);
                                }
                            }
                            if (text.lines().isEmpty()) {
                                outside.add(template + " " + size.wire() + " \"" + text.text() + "\": nothing set");
                            }
                        }
                    }
                }
            }
        }
        // title and creator on every cover
        assertEquals(2 * CoverSamples.SCRIPTS.size() * CoverTemplate.values().length * (6 * 2 + 3), texts);
        assertEquals(List.of(), outside);
    }

    @Test
    void everyScriptHasItsGlyphsInTheShippedFonts() {
        for (String phrase : CoverSamples.SCRIPTS) {
            phrase.codePoints()
                    .filter(Character::isLetter)
                    .forEach(c -> assertTrue(
                            CoverFonts.FONTS.draws(c),
                            "no shipped font draws U+" + Integer.toHexString(c) + " of \"" + phrase + "\""));
        }
    }

    @Test
    void longTitlesShrinkThenEndInAnEllipsis() {
        String word = CoverSamples.SCRIPTS.get(0);
        var shortTitle = CoverRenderer.draw(CoverSamples.art("Hi", null, 1), CoverTemplate.GRADIENT, CoverSize.SQUARE)
                .texts()
                .get(0);
        var longTitle = CoverRenderer.draw(
                        CoverSamples.art(CoverSamples.title(word, 120), null, 1),
                        CoverTemplate.GRADIENT,
                        CoverSize.SQUARE)
                .texts()
                .get(0);
        assertEquals(1, shortTitle.lines().size());
        assertTrue(
                longTitle.lines().get(0).getHeight() < shortTitle.lines().get(0).getHeight() * 0.6,
                "a long title is set smaller");
        assertTrue(longTitle.lines().size() <= 3);
    }

    @Test
    void everyTemplateAndSizeMatchesItsGoldenImage() throws Exception {
        boolean update = Boolean.getBoolean("covers.golden.update");
        List<String> differences = new ArrayList<>();
        for (CoverTemplate template : CoverTemplate.values()) {
            for (CoverSize size : CoverSize.values()) {
                String name = template.wire() + "-" + size.wire() + ".png";
                BufferedImage scaled = scaled(CoverRenderer.render(golden(), template, size));
                if (update) {
                    Path file = Path.of("src/test/resources/covers/golden", name);
                    Files.createDirectories(file.getParent());
                    ImageIO.write(scaled, "png", file.toFile());
                    continue;
                }
                double[] delta = deltaE(read(name), scaled);
                differences.add(String.format("%s mean %.2f p99 %.2f", name, delta[0], delta[1]));
                assertTrue(
                        delta[0] <= MEAN_DELTA_E && delta[1] <= P99_DELTA_E,
                        name + " differs from its golden image: mean ΔE " + delta[0] + ", p99 " + delta[1]);
            }
        }
        System.out.println("covers against their golden images: " + differences);
    }

    /** The tolerance tells covers apart: a changed title, or another template, is well outside it. */
    @Test
    void theToleranceCatchesAChangedCover() throws Exception {
        BufferedImage golden = read("gradient-1080x1080.png");
        CoverArt renamed = CoverSamples.art("Blinding Lights x Midnight City", "DJ Ada Lovelace", 42);
        double[] retitled =
                deltaE(golden, scaled(CoverRenderer.render(renamed, CoverTemplate.GRADIENT, CoverSize.SQUARE)));
        double[] otherTemplate =
                deltaE(golden, scaled(CoverRenderer.render(golden(), CoverTemplate.MINIMAL, CoverSize.SQUARE)));
        assertTrue(retitled[1] > P99_DELTA_E, "a new title shows: p99 " + retitled[1]);
        assertTrue(otherTemplate[0] > MEAN_DELTA_E, "another template shows: mean " + otherTemplate[0]);
    }

    @Test
    void pngAndJpegDecodeToTheCover() throws Exception {
        BufferedImage cover = CoverRenderer.render(golden(), CoverTemplate.CIRCULAR, CoverSize.LINK_PREVIEW);
        for (CoverFormat format : CoverFormat.values()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            format.write(cover, bytes);
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
            assertEquals(1200, decoded.getWidth(), format.name());
            assertEquals(630, decoded.getHeight(), format.name());
            double[] delta = deltaE(scaled(cover), scaled(decoded));
            assertTrue(delta[0] < 1, format + " keeps the picture: mean ΔE " + delta[0]);
        }
    }

    private static CoverArt golden() {
        return CoverSamples.art("Midnight City x Blinding Lights", "DJ Ada Lovelace", 42);
    }

    private static Rectangle2D grown(Rectangle2D box, double by) {
        return new Rectangle2D.Double(
                box.getX() - by, box.getY() - by, box.getWidth() + 2 * by, box.getHeight() + 2 * by);
    }

    private static BufferedImage read(String name) throws Exception {
        try (InputStream in = CoverArtTest.class.getResourceAsStream("/covers/golden/" + name)) {
            assertTrue(in != null, "no golden image " + name + ": run with -Dcovers.golden.update=true");
            return ImageIO.read(in);
        }
    }

    /** The cover at {@link #GOLDEN_SIDE} on its longer side, halving with bilinear filtering (no aliasing). */
    private static BufferedImage scaled(BufferedImage image) {
        BufferedImage current = image;
        int target = GOLDEN_SIDE;
        while (Math.max(current.getWidth(), current.getHeight()) > target) {
            double factor = Math.max(0.5, (double) target / Math.max(current.getWidth(), current.getHeight()));
            int width = Math.max(1, (int) Math.round(current.getWidth() * factor));
            int height = Math.max(1, (int) Math.round(current.getHeight() * factor));
            BufferedImage smaller = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = smaller.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(current, 0, 0, width, height, null);
            g.dispose();
            current = smaller;
        }
        return current;
    }

    /** Mean and 99th percentile of the CIE76 colour difference, pixel by pixel (images of one size). */
    private static double[] deltaE(BufferedImage expected, BufferedImage actual) {
        assertEquals(expected.getWidth(), actual.getWidth());
        assertEquals(expected.getHeight(), actual.getHeight());
        double[] deltas = new double[expected.getWidth() * expected.getHeight()];
        int i = 0;
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                double[] a = lab(expected.getRGB(x, y));
                double[] b = lab(actual.getRGB(x, y));
                deltas[i++] = Math.sqrt(Math.pow(a[0] - b[0], 2) + Math.pow(a[1] - b[1], 2) + Math.pow(a[2] - b[2], 2));
            }
        }
        double mean = Arrays.stream(deltas).average().orElse(0);
        Arrays.sort(deltas);
        return new double[] {mean, deltas[(int) (0.99 * (deltas.length - 1))]};
    }

    /** sRGB to CIE L*a*b* (D65). */
    private static double[] lab(int rgb) {
        double[] linear = new double[3];
        for (int c = 0; c < 3; c++) {
            double v = ((rgb >> (16 - 8 * c)) & 0xff) / 255.0;
            linear[c] = v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        double x = (0.4124 * linear[0] + 0.3576 * linear[1] + 0.1805 * linear[2]) / 0.95047;
        double y = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
        double z = (0.0193 * linear[0] + 0.1192 * linear[1] + 0.9505 * linear[2]) / 1.08883;
        double fx = f(x);
        double fy = f(y);
        double fz = f(z);
        return new double[] {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
    }

    private static double f(double t) {
        return t > 216.0 / 24389 ? Math.cbrt(t) : (24389.0 / 27 * t + 16) / 116;
    }
}
