package org.robustgrid.strategies;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * CalFAT's logit calibration by a client's class prior: {@code z + τ·log(π + ε)}, where
 * {@code π_k = n_k / n} is the share of class k in the client's training data. ε keeps a class the
 * client never sees finite: its calibrated logit is pushed down by about τ·log(1/ε), so the raw
 * model is not taught to rule that class out.
 */
final class Calibration {

    /** Added to every prior so that absent classes get a finite offset, τ·log(1e-6) ≈ −13.8τ. */
    static final double PRIOR_EPSILON = 1e-6;

    private Calibration() {}

    /** τ·log(n_k / n + ε) for each class k; a uniform prior when the client holds no examples. */
    static float[] offsets(long[] classCounts, double tau) {
        long n = 0;
        for (long c : classCounts) {
            n += c;
        }
        float[] out = new float[classCounts.length];
        for (int k = 0; k < classCounts.length; k++) {
            double prior = n == 0 ? 1.0 / classCounts.length : (double) classCounts[k] / n;
            out[k] = (float) (tau * Math.log(prior + PRIOR_EPSILON));
        }
        return out;
    }

    /** The offsets as a (K) array on {@code manager}, to add to (N, K) logits. */
    static NDArray offsets(NDManager manager, long[] classCounts, double tau) {
        return manager.create(offsets(classCounts, tau));
    }
}
