package org.robustgrid.harness.results;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The content hashes that name models, evaluations and grids: the first 8 bytes of SHA-256 of a canonical text, in hex. */
public final class Keys {

    private Keys() {}

    /** 16 hex digits of SHA-256 over {@code text} (UTF-8). Equal texts give equal keys on every machine. */
    public static String hash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
