package org.robustgrid.attacks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.robustgrid.harness.spi.Budget;
import org.robustgrid.harness.spi.Classifier;
import org.robustgrid.harness.spi.Perturbations;

/**
 * The deterministic parts of AutoAttack against the values its reference implementation computed
 * (scripts/autoattack_oracle.py, resource autoattack/golden.txt): the DLR losses and their gradients, whole
 * APGD runs from a given start (checkpoint schedule, step-size rule, momentum and projections), whole FAB
 * runs without random start, FAB's projections onto a hyperplane, and Square's window schedule.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AutoAttackGoldenTest {

    private final Golden golden = new Golden("golden.txt");
    private NDManager manager;

    @BeforeAll
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    void close() {
        manager.close();
    }

    @Test
    void dlrValuesAndGradientsAreTheReferences() {
        NDArray logits = golden.get("dlr.logits").floats(manager);
        NDArray oneHot = golden.get("dlr.y").longs(manager).oneHot(10);
        Classifier.InputGradient g = Classifier.inputGradient(logits, z -> z, (z, same) -> DlrLosses.dlr(z, oneHot).sum());
        golden.assertClose("dlr.value", DlrLosses.dlr(logits, oneHot), 1e-5);
        golden.assertClose("dlr.grad", g.grad(), 1e-5);
    }

    @Test
    void targetedDlrValuesAndGradientsAreTheReferences() {
        NDArray logits = golden.get("dlr.logits").floats(manager);
        NDArray oneHot = golden.get("dlr.y").longs(manager).oneHot(10);
        NDArray target = golden.get("dlrt.target").longs(manager);
        assertEquals(target.toType(ai.djl.ndarray.types.DataType.INT64, false), Apgd.kthMostLikely(logits, 2));
        NDArray targetHot = target.oneHot(10);
        Classifier.InputGradient g = Classifier.inputGradient(logits, z -> z,
                (z, same) -> DlrLosses.targetedDlr(z, oneHot, targetHot).sum());
        golden.assertClose("dlrt.value", DlrLosses.targetedDlr(logits, oneHot, targetHot), 1e-5);
        golden.assertClose("dlrt.grad", g.grad(), 1e-5);
    }

    @ParameterizedTest
    @CsvSource({"Linf, ce", "Linf, dlr", "Linf, dlr-targeted", "L2, ce", "L2, dlr", "L2, dlr-targeted"})
    void apgdRunFromAGivenStartIsTheReferences(String norm, String loss) {
        try (NDManager m = manager.newSubManager()) {
            Classifier model = golden.mlp(m, "net");
            NDArray x = golden.get("apgd.x").floats(m);
            NDArray y = golden.get("apgd.y").longs(m);
            Apgd.Loss kind = switch (loss) {
                case "ce" -> Apgd.Loss.CE;
                case "dlr" -> Apgd.Loss.DLR;
                default -> Apgd.Loss.TARGETED_DLR;
            };
            Apgd apgd = new Apgd(norm.equals("Linf") ? Budget.Norm.LINF : Budget.Norm.L2, norm.equals("Linf") ? 0.05 : 0.3, 20, 1, 0.75,
                    0.75, kind, 1, 1);
            NDArray target = kind == Apgd.Loss.TARGETED_DLR ? Apgd.kthMostLikely(model.logits(x), 3) : null;
            if (target != null) {
                assertEquals(golden.get("apgd." + norm + "." + loss + ".target").longs(m), target);
            }
            Apgd.Run run = apgd.run(model, x, y, target, golden.get("apgd." + norm + ".start").floats(m));
            String at = "apgd." + norm + "." + loss + ".";
            golden.assertClose(at + "acc", run.robust().toType(ai.djl.ndarray.types.DataType.INT64, false), 0);
            golden.assertClose(at + "lossbest", run.lossBest(), 1e-4);
            // a pixel whose gradient is near zero may take the other sign under float rounding: one step of a
            // halved step size apart at most (measured: 1.5e-4 on one pixel of the L-inf DLR run)
            golden.assertClose(at + "xbest", run.xBest(), 5e-4);
            golden.assertClose(at + "xbestadv", run.xBestAdv(), 5e-4);
        }
    }

    @Test
    void checkpointScheduleStartsWithTheReferencesConstants() {
        Golden.Values c = golden.get("apgd.checkpoint.constants.100");
        var at = Apgd.checkpoints(100);
        assertEquals((int) c.values()[0], at.get(0));
        assertEquals((int) c.values()[0] - (int) c.values()[2], at.get(1) - at.get(0));
        assertEquals((int) c.values()[1], at.get(at.size() - 1) - at.get(at.size() - 2));
    }

    @ParameterizedTest
    @CsvSource({"Linf, untargeted", "Linf, targeted", "L2, untargeted", "L2, targeted"})
    void fabRunWithoutRandomStartIsTheReferences(String norm, String kind) {
        try (NDManager m = manager.newSubManager()) {
            Classifier model = golden.mlp(m, "net");
            NDArray x = golden.get("apgd.x").floats(m);
            NDArray y = golden.get("apgd.y").longs(m);
            Budget at = new Budget(norm.equals("Linf") ? Budget.Norm.LINF : Budget.Norm.L2, norm.equals("Linf") ? 0.05 : 0.3);
            Fab fab = new Fab(20, 1, kind.equals("targeted") ? 3 : 0, 0.1, 1.05, 0.9, at, true);
            NDArray adv = fab.perturb(model, x, y);
            // the reference returns a point only where it is within eps, else the clean image
            NDArray size = at.norm() == Budget.Norm.LINF ? Perturbations.linf(adv.sub(x)) : Perturbations.l2(adv.sub(x));
            NDArray reported = Perturbations.select(size.lte((float) at.eps()), adv, x);
            golden.assertClose("fab." + norm + "." + kind + ".adv", reported, 1e-4);
        }
    }

    @ParameterizedTest
    @CsvSource({"linf", "l2"})
    void fabProjectionsAreTheReferences(String norm) {
        Golden.Values points = golden.get("proj.points");
        Golden.Values w = golden.get("proj.w");
        Golden.Values b = golden.get("proj.b");
        Golden.Values expected = golden.get("proj." + norm);
        int rows = (int) points.shape()[0];
        int dim = (int) points.shape()[1];
        for (int i = 0; i < rows; i++) {
            double[] t = java.util.Arrays.copyOfRange(points.values(), i * dim, (i + 1) * dim);
            double[] wi = java.util.Arrays.copyOfRange(w.values(), i * dim, (i + 1) * dim);
            double[] d = norm.equals("linf") ? FabProjections.linf(t, wi, b.values()[i]) : FabProjections.l2(t, wi, b.values()[i]);
            for (int j = 0; j < dim; j++) {
                assertEquals(expected.values()[i * dim + j], d[j], 1e-5, norm + " projection, row " + i + ", coordinate " + j);
            }
        }
    }

    @Test
    void squareScheduleIsTheReferences() {
        Golden.Values plain = golden.get("square.p.5000.plain");
        SquareAttack composite = new SquareAttack(0.1, 5000, 0.8, false);
        for (int i = 0; i < plain.values().length; i++) {
            assertEquals(plain.values()[i], composite.fraction(i), 1e-7, "p at query " + i + " of 5000, not rescaled");
        }
        Golden.Values rescaled = golden.get("square.p.1000.rescaled");
        SquareAttack own = new SquareAttack(0.1, 1000, 0.8, true);
        for (int i = 0; i < rescaled.values().length; i++) {
            assertEquals(rescaled.values()[i], own.fraction(i), 1e-7, "p at query " + i + " of 1000, rescaled");
        }
    }
}
