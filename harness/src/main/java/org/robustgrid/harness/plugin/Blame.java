package org.robustgrid.harness.plugin;

import java.util.List;
import java.util.Optional;

/**
 * Which plugin an exception came from, so a failed row names the party that can fix it. The culprit is
 * the first stack frame (of the exception or its causes) whose class a plugin jar's class loader
 * defined (its loader is named {@code plugin JAR}, see {@link PluginRegistry#discover(List)}), or, for
 * providers on the class path, whose class sits in a suspect's package; among several suspects from
 * that jar, the one whose class names share the longest prefix with the frame's class.
 */
public final class Blame {

    /** The start of a plugin jar class loader's name; the jar's file name follows. */
    static final String LOADER_PREFIX = "plugin ";

    private Blame() {}

    /**
     * {@code attack plugin 'x' (x.jar, 1.0) threw IllegalStateException: message (at pkg.Cls.method)},
     * or empty when no frame of the exception belongs to one of {@code suspects}.
     */
    public static Optional<String> of(Throwable e, List<? extends Plugin<?>> suspects) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                Plugin<?> best = null;
                int bestScore = -1;
                for (Plugin<?> p : suspects) {
                    if (p == null || !belongs(frame, p)) {
                        continue;
                    }
                    int score = Math.max(commonPrefix(frame.getClassName(), p.info().provider().getClass().getName()),
                            p.failed() ? 0 : commonPrefix(frame.getClassName(), p.instance().getClass().getName()));
                    if (score > bestScore) {
                        best = p;
                        bestScore = score;
                    }
                }
                if (best != null) {
                    return Optional.of(best.info().who() + " threw " + describe(e) + " (at " + frame.getClassName() + "." + frame.getMethodName() + ")");
                }
            }
        }
        return Optional.empty();
    }

    /** {@code SimpleName: message} on one line. */
    public static String describe(Throwable e) {
        String m = e.getMessage() == null ? "" : ": " + e.getMessage().replace('\n', ' ').replace('\r', ' ');
        return e.getClass().getSimpleName() + m;
    }

    private static boolean belongs(StackTraceElement frame, Plugin<?> p) {
        String loader = frame.getClassLoaderName();
        if (loader != null && loader.startsWith(LOADER_PREFIX)) {
            return loader.substring(LOADER_PREFIX.length()).equals(p.info().source());
        }
        if (!"classpath".equals(p.info().source())) {
            return false;
        }
        String pkg = packageOf(p.info().provider().getClass().getName());
        return !pkg.isEmpty() && packageOf(frame.getClassName()).equals(pkg);
    }

    private static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    private static int commonPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }
}
