package org.robustgrid.harness.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of this SPI, {@code major.minor}. A plugin jar states the version it was built for in its
 * manifest ({@code Robustgrid-SPI-Version}, which the plugin build sets); the harness refuses a jar of
 * another major version at start-up instead of failing in the middle of a grid.
 */
public final class SpiVersion {

    /** This harness's SPI version (the build's {@code robustgrid.spi.version}). */
    public static final String CURRENT = read();

    private SpiVersion() {}

    private static String read() {
        try (InputStream in = SpiVersion.class.getResourceAsStream("spi.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("version", "");
            if (v.isBlank() || v.startsWith("${")) {
                throw new IllegalStateException("spi.properties holds no version; the harness jar was not built by its Maven build");
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
