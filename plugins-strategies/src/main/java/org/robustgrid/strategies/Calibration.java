package org.robustgrid.strategies;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * CalFAT's logit calibration by a client's class counts, {@code c(z) = z + τ·log(n_k + 1e-7)}, as the
 * authors' code computes it (cc233/CalFAT, {@code utils.py}: {@code maxMarginLoss} and
 * {@code maxMarginLoss_kl} add {@code 0.1 * torch.log(m_list + 1e-7)}, {@code m_list} the client's
 * class counts). A class the client lacks is counted as 1 ({@code record_net_data_stats} sets its count
 * to 1), so its offset is 0 rather than a large negative number. Counts rather than priors: the two
 * differ by τ·log n for every class, which no softmax sees.
 */
final class Calibration {

    /** The code's guard inside the logarithm; with absent classes counted as 1 it never decides anything. */
    static final double COUNT_EPSILON = 1e-7;

    /** The count an absent class gets, as in the code. */
    static final long ABSENT_COUNT = 1;

    private Calibration() {}

    /** τ·log(n_k + 1e-7) for each class k, an absent class counted as {@value #ABSENT_COUNT}. */
    static float[] offsets(long[] classCounts, double tau) {
        float[] out = new float[classCounts.length];
        for (int k = 0; k < classCounts.length; k++) {
            long n = classCounts[k] > 0 ? classCounts[k] : ABSENT_COUNT;
            out[k] = (float) (tau * Math.log(n + COUNT_EPSILON));
        }
        return out;
    }

    /** The offsets as a (K) array on {@code manager}, to add to (N, K) logits. */
    static NDArray offsets(NDManager manager, long[] classCounts, double tau) {
        return manager.create(offsets(classCounts, tau));
    }
}
