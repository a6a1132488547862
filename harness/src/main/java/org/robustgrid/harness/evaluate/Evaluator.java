package org.robustgrid.harness.evaluate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.robustgrid.harness.data.Dataset;
import org.robustgrid.harness.engine.NetworkClassifier;
import org.robustgrid.harness.model.Network;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.data.Batches;

/**
 * Measures a network on test images. The model runs in inference mode throughout (BatchNorm running
 * statistics) and attacks reach it only through {@link NetworkClassifier}.
 */
public final class Evaluator {

    private final Network net;
    private final int batchSize;

    public Evaluator(Network net, int batchSize) {
        this.net = net;
        this.batchSize = batchSize;
    }

    /** Fraction of {@code data} classified correctly. */
    public double naturalAccuracy(Dataset data) {
        NetworkClassifier c = net.classifier();
        int[] order = identity(data.size());
        long correct = 0;
        for (int from = 0; from < data.size(); from += batchSize) {
            int to = Math.min(data.size(), from + batchSize);
            try (NDManager m = net.manager().newSubManager(); NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                Batches.Batch b = Batches.make(m, net.device(), data, order, from, to, false, 0, null);
                correct += c.logits(b.x()).argMax(1).toType(b.y().getDataType(), false).eq(b.y()).sum().getLong();
            }
        }
        return (double) correct / data.size();
    }

    /**
     * Attacks every image of {@code data}.
     *
     * @return accuracy on clean and on adversarial images, the attack's success rate on the images that
     *     were classified correctly, and the median L2 and L∞ norms of its successful perturbations
     */
    public AttackOutcome attack(Dataset data, Attack attack) {
        NetworkClassifier c = net.classifier();
        int[] order = identity(data.size());
        long clean = 0;
        long robust = 0;
        long fooled = 0;
        List<Float> l2 = new ArrayList<>();
        List<Float> linf = new ArrayList<>();
        long start = System.nanoTime();
        for (int from = 0; from < data.size(); from += batchSize) {
            int to = Math.min(data.size(), from + batchSize);
            try (NDManager m = net.manager().newSubManager(); NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                Batches.Batch b = Batches.make(m, net.device(), data, order, from, to, false, 0, null);
                NDArray y = b.y();
                NDArray okClean = c.logits(b.x()).argMax(1).toType(y.getDataType(), false).eq(y);
                NDArray xAdv = attack.perturb(c, b.x(), y);
                NDArray okAdv = c.logits(xAdv).argMax(1).toType(y.getDataType(), false).eq(y);
                NDArray delta = xAdv.sub(b.x()).reshape(to - from, -1);
                boolean[] cleanOk = okClean.toBooleanArray();
                boolean[] advOk = okAdv.toBooleanArray();
                float[] n2 = delta.norm(new int[] {1}).toFloatArray();
                float[] ninf = delta.abs().max(new int[] {1}).toFloatArray();
                for (int i = 0; i < cleanOk.length; i++) {
                    clean += cleanOk[i] ? 1 : 0;
                    robust += advOk[i] ? 1 : 0;
                    if (cleanOk[i] && !advOk[i]) {
                        fooled++;
                        l2.add(n2[i]);
                        linf.add(ninf[i]);
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int n = data.size();
        return new AttackOutcome((double) clean / n, (double) robust / n, clean == 0 ? Double.NaN : (double) fooled / clean,
                median(l2), median(linf), n, seconds);
    }

    static double median(List<Float> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        float[] v = new float[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(i);
        }
        Arrays.sort(v);
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + (double) v[mid]) / 2;
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }
}
