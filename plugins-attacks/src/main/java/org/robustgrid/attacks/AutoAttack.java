package org.robustgrid.attacks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.Budget;
import org.robustgrid.harness.spi.Classifier;
import org.robustgrid.harness.spi.CompositeAttack;
import org.robustgrid.harness.spi.Perturbations;

/**
 * AutoAttack (Croce and Hein, ICML 2020): its attacks in the reference's order, each only on the images the
 * ones before it left robust, so that an image counts as robust when no attack broke it within the budget.
 * The versions are the reference's {@code set_version} (autoattack.py); see {@link #of}.
 *
 * @param version {@code standard}, {@code plus} or {@code rand}
 * @param at the budget every stage attacks and is judged at
 * @param attacks the stages, with the names reports give them
 */
public record AutoAttack(String version, Budget at, List<Named> attacks) implements CompositeAttack {

    /** A stage: its name in reports and the attack. */
    public record Named(String name, Attack attack) {}

    /** The reference's iterations per APGD and FAB run. */
    static final int STEPS = 100;
    /** The reference's Square queries in the composite. */
    static final int QUERIES = 5000;

    /** The reference's versions. */
    static final List<String> VERSIONS = List.of("standard", "plus", "rand");

    /**
     * The stages of a version, with the reference's settings: standard runs APGD-CE (1 restart), APGD-T (9
     * targets), FAB-T (9 targets) and Square (5,000 queries, schedule not rescaled); plus runs APGD-CE and
     * APGD-DLR with 5 restarts, FAB with 5, Square, APGD-T and FAB-T; rand runs APGD-CE and APGD-DLR with 20
     * gradient passes per step (EOT), for randomized defences. The reference runs 100 steps and 5,000 queries.
     */
    static AutoAttack of(String version, Budget budget, int steps, int queries) {
        Budget.Norm norm = budget.norm();
        double eps = budget.eps();
        int targets = ApgdProviders.TARGETS;
        Named apgdCe = new Named("apgd-ce", new Apgd(norm, eps, steps, 1, 0.75, 0.75, Apgd.Loss.CE, 0, 1));
        Named apgdT = new Named("apgd-t", new Apgd(norm, eps, steps, 1, 0.75, 0.75, Apgd.Loss.TARGETED_DLR, targets, 1));
        Named fabT = new Named("fab-t", new Fab(steps, 1, targets, 0.1, 1.05, 0.9, budget, true));
        Named square = new Named("square", norm == Budget.Norm.LINF ? new SquareAttack(eps, queries, 0.8, false)
                : new SquareL2(eps, queries, 0.8, false));
        return new AutoAttack(version, budget, switch (version) {
            case "standard" -> List.of(apgdCe, apgdT, fabT, square);
            case "plus" -> List.of(
                    new Named("apgd-ce", new Apgd(norm, eps, steps, 5, 0.75, 0.75, Apgd.Loss.CE, 0, 1)),
                    new Named("apgd-dlr", new Apgd(norm, eps, steps, 5, 0.75, 0.75, Apgd.Loss.DLR, 0, 1)),
                    new Named("fab", new Fab(steps, 5, 0, 0.1, 1.05, 0.9, budget, true)),
                    square, apgdT, fabT);
            case "rand" -> List.of(
                    new Named("apgd-ce", new Apgd(norm, eps, steps, 1, 0.75, 0.75, Apgd.Loss.CE, 0, 20)),
                    new Named("apgd-dlr", new Apgd(norm, eps, steps, 1, 0.75, 0.75, Apgd.Loss.DLR, 0, 20)));
            default -> throw new IllegalArgumentException("version " + version);
        });
    }

    @Override
    public List<Stage> stages() {
        return attacks.stream().map(s -> new Stage(s.name(), s.attack().usesGradients())).toList();
    }

    @Override
    public Result perturbInStages(Classifier model, NDArray x, NDArray y) {
        NDManager outer = x.getManager();
        int n = (int) x.getShape().get(0);
        int[] brokenBy = new int[n];
        Arrays.fill(brokenBy, -1);
        double[] seconds = new double[attacks.size()];
        try (NDManager work = outer.newSubManager()) {
            NDArray x0 = Perturbations.own(x, work);
            NDArray labels = Perturbations.labels(y, work);
            NDArray adv = Perturbations.own(x0, work);
            boolean[] robust = model.logits(x0).argMax(1).eq(labels).toBooleanArray();
            for (int s = 0; s < attacks.size(); s++) {
                int[] idx = indices(robust);
                if (idx.length == 0) {
                    continue;
                }
                long start = System.nanoTime();
                try (NDManager part = work.newSubManager()) {
                    NDArray xs = Rows.take(x0, idx, part);
                    NDArray ys = Rows.take(labels, idx, part);
                    NDArray xa = attacks.get(s).attack().perturb(model, xs, ys);
                    // broken: misclassified within the budget, up to float32 rounding (a minimum-norm stage's larger perturbations do not count)
                    boolean[] wrong = model.logits(xa).argMax(1).neq(ys).toBooleanArray();
                    NDArray delta = xa.sub(xs);
                    float[] size = (at.norm() == Budget.Norm.LINF ? Perturbations.linf(delta) : Perturbations.l2(delta)).toFloatArray();
                    boolean[] broken = new boolean[idx.length];
                    for (int i = 0; i < idx.length; i++) {
                        broken[i] = wrong[i] && at.admits(size[i]);
                        if (broken[i]) {
                            robust[idx[i]] = false;
                            brokenBy[idx[i]] = s;
                        }
                    }
                    NDArray next = Perturbations.keep(Rows.put(adv, idx, xa, broken), work);
                    Perturbations.retire(part, adv);
                    adv = next;
                }
                seconds[s] = (System.nanoTime() - start) / 1e9;
            }
            return new Result(Perturbations.keep(adv, outer), brokenBy, seconds);
        }
    }

    private static int[] indices(boolean[] mask) {
        int[] idx = new int[mask.length];
        int k = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                idx[k++] = i;
            }
        }
        return Arrays.copyOf(idx, k);
    }

    @Override
    public Optional<Budget> budget() {
        return Optional.of(at);
    }

    @Override
    public boolean usesGradients() {
        return true;
    }
}
