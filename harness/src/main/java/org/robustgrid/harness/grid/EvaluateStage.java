package org.robustgrid.harness.grid;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.robustgrid.harness.data.Dataset;
import org.robustgrid.harness.engine.Engines;
import org.robustgrid.harness.evaluate.AttackOutcome;
import org.robustgrid.harness.evaluate.Evaluator;
import org.robustgrid.harness.evaluate.Warnings;
import org.robustgrid.harness.plugin.Plugin;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.SpecException;

/**
 * Stage 3 of a cell, evaluate: the model's natural accuracy on the whole test set, then each eval attack
 * on the eval images. An attack that throws is a result (the row is recorded as failed and the next
 * attack runs), not the end of the grid.
 */
final class EvaluateStage {

    /** What one eval attack gave. */
    sealed interface Result permits Measured, Failed {}

    /** The attack ran; {@code warnings} are the harness's checks on its numbers. */
    record Measured(AttackOutcome outcome, List<String> warnings) implements Result {}

    /** The attack failed. */
    record Failed(String reason) implements Result {}

    private final Dataset test;
    private final Dataset evalSet;
    private final int batch;
    private final Progress progress;

    EvaluateStage(Dataset test, Dataset evalSet, int batch, Progress progress) {
        this.test = test;
        this.evalSet = evalSet;
        this.batch = batch;
        this.progress = progress;
    }

    /** Starts the evaluation of one model: measures its natural accuracy. */
    Model start(Cell cell, TrainedModel model) {
        Evaluator evaluator = new Evaluator(model.net(), batch);
        double natural = evaluator.naturalAccuracy(test);
        progress.line(String.format(Locale.ROOT, "natural accuracy %.4f", natural));
        return new Model(cell, evaluator, natural);
    }

    /** One model under evaluation: its natural accuracy, and the attacks measured so far for the cross-attack checks. */
    final class Model {
        private final Cell cell;
        private final Evaluator evaluator;
        private final double natural;
        private final List<Warnings.Measured> earlier = new ArrayList<>();

        private Model(Cell cell, Evaluator evaluator, double natural) {
            this.cell = cell;
            this.evaluator = evaluator;
            this.natural = natural;
        }

        double natural() {
            return natural;
        }

        Result attack(Plugin<Attack> attack) {
            try {
                Engines.seed(cell.seed());
                AttackOutcome o = evaluator.attack(evalSet, attack.instance());
                Warnings.Measured m = new Warnings.Measured(attack.info().id(), attack.instance().budget(),
                        attack.instance().usesGradients(), o.robustAccuracy());
                List<String> warnings = Warnings.check(m, o, earlier);
                earlier.add(m);
                warnings.forEach(w -> progress.line("WARNING " + attack.info().id() + ": " + w));
                progress.line(String.format(Locale.ROOT, "%s robust accuracy %.4f (%d images, %.1f s)", attack.canonical(),
                        o.robustAccuracy(), o.examples(), o.seconds()));
                return new Measured(o, warnings);
            } catch (SpecException e) {
                throw e;
            } catch (RuntimeException e) {
                GridRunner.LOG.warn("evaluation of {} under {} failed", cell.modelKey(), attack.canonical(), e);
                progress.line("FAILED " + attack.canonical() + ": " + GridRunner.oneLine(e));
                return new Failed("evaluation failed: " + GridRunner.oneLine(e));
            }
        }
    }
}
