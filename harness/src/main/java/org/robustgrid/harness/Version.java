package org.robustgrid.harness;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;

/** The harness's own version and the identity of the build that runs, from the build. */
public final class Version {

    private static final String VERSION = load("/robustgrid.properties").getProperty("version", "unknown");
    private static volatile String build;

    private Version() {}

    public static String get() {
        return VERSION;
    }

    /**
     * Which build of the harness runs: {@code git:COMMIT}, with {@code +dirty} when tracked files differed
     * from that commit at build time; built outside git (a source tarball), {@code jar-sha256:DIGEST} of the
     * harness jar; {@code unknown} when neither is known (classes run from a folder built outside git).
     */
    public static String build() {
        if (build == null) {
            Properties p = load("/robustgrid-build.properties");
            build = identity(p.getProperty("commit", ""), p.getProperty("dirty", ""), codeSource());
        }
        return build;
    }

    static String identity(String commit, String dirty, Path code) {
        if (commit.strip().matches("[0-9a-f]{40}")) {
            return "git:" + commit.strip() + ("true".equals(dirty.strip()) ? "+dirty" : "");
        }
        if (code != null && Files.isRegularFile(code)) {
            try (InputStream in = new DigestInputStream(Files.newInputStream(code), MessageDigest.getInstance("SHA-256"))) {
                MessageDigest d = ((DigestInputStream) in).getMessageDigest();
                in.transferTo(java.io.OutputStream.nullOutputStream());
                return "jar-sha256:" + HexFormat.of().formatHex(d.digest());
            } catch (IOException | NoSuchAlgorithmException e) {
                return "unknown";
            }
        }
        return "unknown";
    }

    private static Path codeSource() {
        try {
            return Path.of(Version.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            return null;
        }
    }

    private static Properties load(String resource) {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream(resource)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // an unreadable resource: the defaults say unknown
        }
        return p;
    }
}
