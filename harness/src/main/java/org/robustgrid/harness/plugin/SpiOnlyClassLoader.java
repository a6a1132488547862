package org.robustgrid.harness.plugin;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The parent of every plugin jar's class loader: it lets through only what a plugin may speak (the
 * JDK, robustgrid's SPI, DJL, SLF4J) and hides the rest of the harness and its libraries, so two jars
 * can carry different versions of any other library, and a plugin cannot come to depend on the
 * harness's insides by accident.
 */
final class SpiOnlyClassLoader extends ClassLoader {

    /** Package prefixes visible to plugins. */
    static final List<String> VISIBLE = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.", "org.robustgrid.harness.spi.", "ai.djl.",
            "org.slf4j.");

    SpiOnlyClassLoader(ClassLoader harness) {
        super("robustgrid-spi", harness);
    }

    static boolean visible(String className) {
        return VISIBLE.stream().anyMatch(className::startsWith);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!visible(name)) {
            throw new ClassNotFoundException(name + " is not part of robustgrid's plugin API (visible: " + String.join(" ", VISIBLE) + ")");
        }
        return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
        return visibleResource(name) ? super.getResource(name) : null;
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return visibleResource(name) ? super.getResources(name) : Collections.emptyEnumeration();
    }

    /** Resources of the visible packages (DJL's native-library descriptors, say); never the harness's service files. */
    private static boolean visibleResource(String name) {
        return visible(name.replace('/', '.'));
    }
}
