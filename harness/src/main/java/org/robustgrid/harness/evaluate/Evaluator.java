package org.robustgrid.harness.evaluate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.robustgrid.harness.data.Dataset;
import org.robustgrid.harness.engine.NetworkClassifier;
import org.robustgrid.harness.model.Network;
import org.robustgrid.harness.results.Outcomes;
import org.robustgrid.harness.results.Stages;
import org.robustgrid.harness.spi.CompositeAttack;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.Budget;
import org.robustgrid.harness.data.Batches;

/**
 * Measures a network on test images. The model runs in inference mode throughout (BatchNorm running
 * statistics, folded into the convolutions: {@link Network#inference}) and attacks reach it only through
 * {@link NetworkClassifier}; the clean, attacked and judged predictions all come from the same function.
 */
public final class Evaluator {

    private final Network net;
    private final int batchSize;

    public Evaluator(Network net, int batchSize) {
        this.net = net;
        this.batchSize = batchSize;
    }

    /** The network under evaluation. */
    public Network network() {
        return net;
    }

    /** Fraction of {@code data} classified correctly. */
    public double naturalAccuracy(Dataset data) {
        int[] order = identity(data.size());
        long correct = 0;
        try (NDManager weights = net.manager().newSubManager()) {
            NetworkClassifier c = net.inference(weights);
            for (int from = 0; from < data.size(); from += batchSize) {
                int to = Math.min(data.size(), from + batchSize);
                try (NDManager m = net.manager().newSubManager(); NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    Batches.Batch b = Batches.make(m, net.device(), data, order, from, to, false, 0, null);
                    correct += c.logits(b.x()).argMax(1).toType(b.y().getDataType(), false).eq(b.y()).sum().getLong();
                }
            }
        }
        return (double) correct / data.size();
    }

    /**
     * Attacks every image of {@code data}, checking every batch the attack returns against its contract
     * ({@link AttackContract}).
     *
     * @return accuracy on the clean images and robust accuracy at the attack's evaluation budget, the
     *     attack's success rate and the median norms of its successful perturbations at any norm, and
     *     the outcome of every image
     * @throws AttackContractException when a batch breaks the contract
     */
    public AttackOutcome attack(Dataset data, Attack attack) {
        int n = data.size();
        int[] order = identity(n);
        boolean[] clean = new boolean[n];
        boolean[] adversarial = new boolean[n];
        float[] l2 = new float[n];
        float[] linf = new float[n];
        CompositeAttack composite = attack instanceof CompositeAttack c ? c : null;
        int[] brokenBy = new int[n];
        double[] stageSeconds = composite == null ? new double[0] : new double[composite.stages().size()];
        long start = System.nanoTime();
        try (NDManager weights = net.manager().newSubManager()) {
            NetworkClassifier c = net.inference(weights);
            for (int from = 0; from < n; from += batchSize) {
                int to = Math.min(n, from + batchSize);
                try (NDManager m = net.manager().newSubManager(); NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    Batches.Batch b = Batches.make(m, net.device(), data, order, from, to, false, 0, null);
                    NDArray y = b.y();
                    NDArray okClean = c.logits(b.x()).argMax(1).toType(y.getDataType(), false).eq(y);
                    NDArray xAdv;
                    if (composite != null) {
                        CompositeAttack.Result r = composite.perturbInStages(c, b.x(), y);
                        xAdv = r.adversarial();
                        System.arraycopy(r.brokenBy(), 0, brokenBy, from, to - from);
                        for (int s = 0; s < stageSeconds.length; s++) {
                            stageSeconds[s] += r.seconds()[s];
                        }
                    } else {
                        xAdv = attack.perturb(c, b.x(), y);
                    }
                    var broken = AttackContract.check(b.x(), xAdv, attack.budget());
                    if (broken.isPresent()) {
                        throw new AttackContractException(broken.get());
                    }
                    NDArray okAdv = c.logits(xAdv).argMax(1).toType(y.getDataType(), false).eq(y);
                    NDArray delta = xAdv.sub(b.x()).reshape(to - from, -1);
                    System.arraycopy(okClean.toBooleanArray(), 0, clean, from, to - from);
                    System.arraycopy(okAdv.toBooleanArray(), 0, adversarial, from, to - from);
                    System.arraycopy(delta.norm(new int[] {1}).toFloatArray(), 0, l2, from, to - from);
                    System.arraycopy(delta.abs().max(new int[] {1}).toFloatArray(), 0, linf, from, to - from);
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Optional<Budget> budget = attack.evaluationBudget();
        Outcomes perImage = Outcomes.of(clean, adversarial, l2, linf, budget, attack.budget().isPresent());
        boolean[] robust = perImage.robust();
        long correct = 0;
        long robustCount = 0;
        List<Float> fooledL2 = new ArrayList<>();
        List<Float> fooledLinf = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            correct += clean[i] ? 1 : 0;
            robustCount += robust[i] ? 1 : 0;
            if (clean[i] && !adversarial[i]) {
                fooledL2.add(l2[i]);
                fooledLinf.add(linf[i]);
            }
        }
        Stages stages = null;
        if (composite != null) {
            List<CompositeAttack.Stage> st = composite.stages();
            boolean[] white = new boolean[st.size()];
            for (int s = 0; s < white.length; s++) {
                white[s] = st.get(s).usesGradients();
            }
            stages = new Stages(st.stream().map(CompositeAttack.Stage::name).toList(), white, stageSeconds, brokenBy);
        }
        return new AttackOutcome((double) correct / n, (double) robustCount / n, robustCount, budget,
                correct == 0 ? Double.NaN : (double) fooledL2.size() / correct, median(fooledL2), median(fooledLinf), n, seconds, perImage,
                stages);
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
