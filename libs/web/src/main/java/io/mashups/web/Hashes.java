package io.mashups.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Digests of identifiers that are compared or logged but must not be kept as they are. */
public final class Hashes {
    private Hashes() {}

    /** The SHA-256 of the text's UTF-8 bytes, as 64 lowercase hex digits. */
    public static String sha256Hex(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
