package org.robustgrid.attacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.robustgrid.harness.spi.Budget;
import org.robustgrid.harness.spi.Classifier;
import org.robustgrid.harness.spi.CompositeAttack;
import org.robustgrid.harness.spi.Perturbations;
import org.robustgrid.harness.spi.Seeding;

/**
 * The cascade counts an image as broken by a stage exactly when the stage alone breaks it within the budget, at
 * the budgets people write: 8/255 rounds up in float32, so a projected perturbation of exactly ε measures a little
 * above the double ε, and a cascade that compared the two directly let APGD-CE break nothing (the standard version
 * then reported everything to FAB-T, with APGD-CE's and APGD-T's rows unchanged from clean).
 */
class AutoAttackCascadeTest {

    @Test
    void aOneStageCascadeBreaksWhatItsAttackBreaksAtEightOver255() {
        Golden golden = new Golden("parity.txt");
        double eps = 8 / 255.0;
        assertTrue((double) (float) eps > eps, "the case this test is about: 8/255 rounds up in float32");
        try (NDManager m = NDManager.newBaseManager()) {
            Classifier model = golden.mlp(m, "mlp");
            NDArray x = golden.get("images").floats(m).div(1020f).get(new NDIndex("0:120"));
            NDArray y = golden.get("labels").longs(m).get(new NDIndex("0:120"));
            Apgd apgd = new Apgd(Budget.Norm.LINF, eps, 20, 1, 0.75, 0.75, Apgd.Loss.CE, 0, 1);

            // the cascade gives its first stage the images the model gets right, in order: so does this
            boolean[] clean = model.logits(x).argMax(1).eq(y).toBooleanArray();
            int[] idx = java.util.stream.IntStream.range(0, clean.length).filter(i -> clean[i]).toArray();
            NDArray xs = Rows.take(x, idx, m);
            NDArray ys = Rows.take(y, idx, m);
            Seeding.seed(0);
            boolean[] fooled = model.logits(apgd.perturb(model, xs, ys)).argMax(1).neq(ys).toBooleanArray();
            int[] expected = new int[clean.length];
            java.util.Arrays.fill(expected, -1);
            int broken = 0;
            for (int k = 0; k < idx.length; k++) {
                if (fooled[k]) {
                    expected[idx[k]] = 0;
                    broken++;
                }
            }
            assertTrue(broken > 0, "APGD-CE at 8/255 breaks some of these images");

            Seeding.seed(0);
            AutoAttack cascade = new AutoAttack("standard", new Budget(Budget.Norm.LINF, eps), List.of(new AutoAttack.Named("apgd-ce", apgd)));
            CompositeAttack.Result r = cascade.perturbInStages(model, x, y);
            assertArrayEquals(expected, r.brokenBy(), "the stage that broke each image");
        }
    }
}
