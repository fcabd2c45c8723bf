package io.mashups.audio.cover;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * The image formats covers are stored in. The JDK's own codecs: its PNG writer, and its baseline JPEG writer at quality
 * 0.9 for RGB images (which is all a cover is; TwelveMonkeys would add CMYK and progressive JPEG, which no cover
 * needs).
 */
public enum CoverFormat {
    PNG("png", "image/png"),
    JPEG("jpg", "image/jpeg");

    private static final float JPEG_QUALITY = 0.9f;

    public final String extension;
    public final String contentType;

    CoverFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    public static Optional<CoverFormat> of(String wire) {
        return Arrays.stream(values())
                .filter(format -> format.extension.equals(wire) || format.name().equalsIgnoreCase(wire))
                .findFirst();
    }

    public void write(BufferedImage image, OutputStream out) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(this == PNG ? "png" : "jpeg")
                .next();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam params = writer.getDefaultWriteParam();
            if (this == JPEG) {
                params.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                params.setCompressionQuality(JPEG_QUALITY);
            }
            writer.write(null, new IIOImage(image, null, null), params);
        } finally {
            writer.dispose();
        }
    }
}
