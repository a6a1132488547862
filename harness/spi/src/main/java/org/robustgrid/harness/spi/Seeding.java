package org.robustgrid.harness.spi;

import ai.djl.engine.Engine;

/**
 * Seeds the engine's random generator, the one source of randomness a plugin may use
 * ({@code NDManager.randomUniform}, {@code randomNormal} and friends, parameter initialization,
 * dropout). The harness seeds it before every training run and every attack, so a plugin never needs
 * to; a plugin's tests call {@link #seed(long)} to make a random start or restart reproducible.
 */
public final class Seeding {

    private Seeding() {}

    /** Seeds the default engine ({@code Engine.getInstance()}, PyTorch in robustgrid). */
    public static void seed(long seed) {
        seed(Engine.getInstance(), seed);
    }

    /**
     * Seeds {@code engine}. DJL takes an {@code int}; the two halves of {@code seed} are folded into
     * one ({@code seed ^ (seed >>> 32)}), so seeds below 2³¹ are passed on as they are.
     */
    public static void seed(Engine engine, long seed) {
        engine.setRandomSeed((int) (seed ^ (seed >>> 32)));
    }
}
