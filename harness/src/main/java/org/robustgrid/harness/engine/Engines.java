package org.robustgrid.harness.engine;

import ai.djl.engine.Engine;

/** The PyTorch engine, started offline. */
public final class Engines {

    /** DJL's name for the engine robustgrid runs on. */
    public static final String NAME = "PyTorch";

    private Engines() {}

    /** The engine, with DJL's download and tracking turned off before first use. */
    public static Engine get() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        return Engine.getEngine(NAME);
    }

    /** Seeds the engine's random generator (random starts, noise, initialization). */
    public static void seed(long seed) {
        get().setRandomSeed((int) (seed ^ (seed >>> 32)));
    }

    /** {@code PyTorch 2.7.1} style label for provenance. */
    public static String describe() {
        Engine e = get();
        return e.getEngineName() + " " + e.getVersion();
    }

    /** DJL's own version. */
    public static String djlVersion() {
        String v = Engine.class.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }
}
