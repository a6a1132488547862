package org.robustgrid.harness.grid;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.robustgrid.harness.data.Dataset;
import org.robustgrid.harness.data.Datasets;
import org.robustgrid.harness.engine.Engines;
import org.robustgrid.harness.evaluate.AttackContract;
import org.robustgrid.harness.evaluate.AttackContractException;
import org.robustgrid.harness.evaluate.AttackOutcome;
import org.robustgrid.harness.evaluate.Evaluator;
import org.robustgrid.harness.evaluate.ModelChecks;
import org.robustgrid.harness.evaluate.Warnings;
import org.robustgrid.harness.plugin.Blame;
import org.robustgrid.harness.plugin.Plugin;
import org.robustgrid.harness.plugin.SpecText;
import org.robustgrid.harness.results.Measures;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.CompositeAttack;
import org.robustgrid.harness.spi.SpecException;

/**
 * Stage 3 of a cell, evaluate: the model's natural accuracy on the whole test set, then each eval attack
 * on its eval images (the class-balanced first N of the test set, N the attack's eval limit). An attack
 * that throws is a result (the row is recorded as failed and the next attack runs), not the end of the grid.
 */
final class EvaluateStage {

    /** What one eval attack gave. */
    sealed interface Result permits Measured, Failed {}

    /** The attack ran; {@code warnings} are the harness's checks on its numbers. */
    record Measured(AttackOutcome outcome, List<String> warnings) implements Result {}

    /** The attack failed. */
    record Failed(String reason) implements Result {}

    private final Dataset test;
    private final ToIntFunction<Plugin<Attack>> evalLimit;
    private final Map<Integer, Dataset> evalSets = new HashMap<>();
    private final int batch;
    private final Progress progress;

    /** {@code evalLimit}: how many test images an attack gets (0 = all). */
    EvaluateStage(Dataset test, ToIntFunction<Plugin<Attack>> evalLimit, int batch, Progress progress) {
        this.test = test;
        this.evalLimit = evalLimit;
        this.batch = batch;
        this.progress = progress;
    }

    private Dataset evalSet(Plugin<Attack> attack) {
        return evalSets.computeIfAbsent(evalLimit.applyAsInt(attack), n -> Datasets.limit(test, n));
    }

    /**
     * A model's accuracy on the whole clean test set, with its 95% Wilson interval.
     *
     * @param accuracy the fraction correct
     * @param low the interval's lower end
     * @param high its upper end
     */
    record Natural(double accuracy, double low, double high) {}

    /** Starts the evaluation of one model: measures its natural accuracy. */
    Model start(Cell cell, TrainedModel model) {
        Evaluator evaluator = new Evaluator(model.net(), batch);
        double accuracy = evaluator.naturalAccuracy(test);
        double[] ci = Measures.wilson(Math.round(accuracy * test.size()), test.size());
        progress.line(String.format(Locale.ROOT, "natural accuracy %.4f", accuracy));
        return new Model(cell, evaluator, new Natural(accuracy, ci[0], ci[1]));
    }

    /** One model under evaluation: its natural accuracy, and the attacks measured so far for the cross-attack checks. */
    final class Model {
        private final Cell cell;
        private final Evaluator evaluator;
        private final Natural natural;
        /** Earlier results by their count of eval images: attacks are compared on the same images only. */
        private final Map<Integer, List<Warnings.Measured>> earlier = new HashMap<>();
        private List<String> modelChecks;

        private Model(Cell cell, Evaluator evaluator, Natural natural) {
            this.cell = cell;
            this.evaluator = evaluator;
            this.natural = natural;
        }

        Natural natural() {
            return natural;
        }

        Result attack(Plugin<Attack> attack) {
            String shown = SpecText.display(attack.canonical());
            if (attack.failed()) {
                progress.line("FAILED " + shown + ": " + attack.failure());
                return new Failed(attack.failure());
            }
            try {
                Engines.seed(cell.seed());
                Dataset evalSet = evalSet(attack);
                AttackOutcome o = evaluator.attack(evalSet, attack.instance());
                Warnings.Measured m = new Warnings.Measured(attack.info().id(), attack.instance().budget(),
                        attack.instance().usesGradients(), o.robustAccuracy());
                List<Warnings.Measured> sameImages = earlier.computeIfAbsent(evalSet.size(), n -> new ArrayList<>());
                List<String> warnings = new ArrayList<>(Warnings.check(m, o, sameImages));
                if (attack.instance() instanceof CompositeAttack) {
                    // AutoAttack's checks of the model, once per model, on the rows of composite attacks
                    modelChecks = modelChecks != null ? modelChecks : ModelChecks.check(evaluator.network(), evalSet, batch);
                    warnings.addAll(modelChecks);
                }
                sameImages.add(m);
                warnings.forEach(w -> progress.line("WARNING " + attack.info().id() + ": " + w));
                progress.line(String.format(Locale.ROOT, "%s robust accuracy %.4f (%d images, %.1f s)", shown,
                        o.robustAccuracy(), o.examples(), o.seconds()));
                return new Measured(o, warnings);
            } catch (SpecException e) {
                throw e;
            } catch (AttackContractException e) {
                AttackContract.Violation v = e.violation();
                String reason = String.format(Locale.ROOT, "attack contract broken by %s (%s, %s): %s", attack.info().id(),
                        attack.info().source(), attack.info().version(), v.detail())
                        + (Double.isNaN(v.largest()) ? "" : String.format(Locale.ROOT, "; largest %s", v.largest()));
                progress.line("FAILED " + shown + ": " + reason);
                return new Failed(reason);
            } catch (RuntimeException | LinkageError e) {
                GridRunner.LOG.warn("evaluation of {} under {} failed", cell.modelKey(), attack.canonical(), e);
                String reason = "evaluation failed: " + Blame.of(e, List.of(attack)).orElse(GridRunner.oneLine(e));
                progress.line("FAILED " + shown + ": " + reason);
                return new Failed(reason);
            }
        }
    }
}
