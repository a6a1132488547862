package org.robustgrid.harness.spi;

import ai.djl.ndarray.NDArray;

/** Losses that attacks, strategies and the trainer share. Every one returns a scalar mean over the batch. */
public final class Losses {

    private Losses() {}

    /** Cross-entropy of logits (N, K) against int labels (N). */
    public static NDArray crossEntropy(NDArray logits, NDArray labels) {
        return softCrossEntropy(logits, labels.oneHot((int) logits.getShape().get(1)));
    }

    /** Cross-entropy of logits (N, K) against target distributions (N, K). */
    public static NDArray softCrossEntropy(NDArray logits, NDArray target) {
        return logits.logSoftmax(1).mul(target).sum(new int[] {1}).neg().mean();
    }

    /** KL(softmax(p) || softmax(q)) for logits p, q (N, K). */
    public static NDArray kl(NDArray pLogits, NDArray qLogits) {
        NDArray logP = pLogits.logSoftmax(1);
        return logP.exp().mul(logP.sub(qLogits.logSoftmax(1))).sum(new int[] {1}).mean();
    }
}
