package org.robustgrid.harness.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.robustgrid.harness.spi.SpecException;

/**
 * What robustgrid knows of a plugin jar before it loads a class from it: its digest (what a model key
 * records, so a changed jar retrains) and the SPI version it was built for.
 *
 * @param file the jar
 * @param digest SHA-256 over the jar's entries, names and bytes, in name order, the manifest left out:
 *     rebuilding unchanged code gives the same digest whatever the build's timestamps
 * @param version the manifest's {@code Implementation-Version}, or {@code unknown}
 * @param spiVersion the manifest's {@value #SPI_ATTRIBUTE}, or empty for a jar that does not say
 */
record PluginJar(Path file, String digest, String version, Optional<String> spiVersion) {

    /** The manifest attribute naming the SPI version a jar was built for. */
    static final String SPI_ATTRIBUTE = "Robustgrid-SPI-Version";

    static PluginJar read(Path file) {
        try (JarFile jar = new JarFile(file.toFile())) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            List<JarEntry> entries = new ArrayList<>(jar.stream().filter(e -> !e.isDirectory() && !e.getName().equals(JarFile.MANIFEST_NAME))
                    .toList());
            entries.sort((a, b) -> a.getName().compareTo(b.getName()));
            for (JarEntry e : entries) {
                sha.update(e.getName().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                try (InputStream in = jar.getInputStream(e)) {
                    sha.update(in.readAllBytes());
                }
            }
            Attributes main = jar.getManifest() == null ? new Attributes() : jar.getManifest().getMainAttributes();
            String version = main.getValue(Attributes.Name.IMPLEMENTATION_VERSION);
            return new PluginJar(file, HexFormat.of().formatHex(sha.digest(), 0, 8), version == null ? "unknown" : version,
                    Optional.ofNullable(main.getValue(SPI_ATTRIBUTE)));
        } catch (IOException e) {
            throw new SpecException("plugin jar " + file + " cannot be read (" + e.getMessage() + "); expected a jar file");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Refuses a jar built for another major version of the SPI, in one line naming both. */
    void checkSpi(String harnessSpi) {
        if (spiVersion.isPresent() && !major(spiVersion.get()).equals(major(harnessSpi))) {
            throw new SpecException("plugin jar " + file.getFileName() + " was built for robustgrid SPI " + spiVersion.get()
                    + ", this harness has SPI " + harnessSpi + "; rebuild the plugin against this harness or use a matching one");
        }
    }

    private static String major(String v) {
        int dot = v.indexOf('.');
        return dot < 0 ? v : v.substring(0, dot);
    }

    /** A digest for a provider found on the class path (no jar): over its class file's bytes. */
    static String classDigest(Class<?> c) {
        try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            if (in != null) {
                sha.update(in.readAllBytes());
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
