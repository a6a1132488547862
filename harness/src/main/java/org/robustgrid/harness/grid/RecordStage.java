package org.robustgrid.harness.grid;

import ai.djl.Device;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.robustgrid.harness.Version;
import org.robustgrid.harness.engine.Devices;
import org.robustgrid.harness.engine.Engines;
import org.robustgrid.harness.evaluate.AttackOutcome;
import org.robustgrid.harness.plugin.Plugin;
import org.robustgrid.harness.results.AttackKind;
import org.robustgrid.harness.results.Measures;
import org.robustgrid.harness.results.OutcomeStore;
import org.robustgrid.harness.results.ModelFacts;
import org.robustgrid.harness.results.Provenance;
import org.robustgrid.harness.results.ResultRow;
import org.robustgrid.harness.results.ResultsStore;
import org.robustgrid.harness.results.Training;
import org.robustgrid.harness.results.WorstCase;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.Budget;

/** Stage 4 of a cell, record: one typed row per evaluation, appended to the results store as soon as it is known. */
final class RecordStage {

    /** A training fact that does not apply (a TorchScript model's). */
    private static final String NONE = "none";

    private final ResultsStore store;
    private final OutcomeStore outcomes;
    private final Device device;

    RecordStage(ResultsStore store, OutcomeStore outcomes, Device device) {
        this.store = store;
        this.outcomes = outcomes;
        this.device = device;
    }

    /** The row of an attack that ran, after its per-image outcomes. */
    void measured(Cell cell, TrainedModel model, EvaluateStage.Natural natural, Plugin<Attack> attack, AttackOutcome o,
            List<String> warnings) {
        double[] ci = Measures.wilson(o.robustCount(), o.examples());
        Measures m = new Measures(natural.accuracy(), natural.low(), natural.high(), o.robustAccuracy(), ci[0], ci[1], o.naturalAccuracy(),
                o.examples(), o.budget(), o.successRate(), o.medianL2(), o.medianLinf(), o.seconds(),
                attack.instance().budget().isPresent() ? AttackKind.BOUNDED : AttackKind.MINIMUM_NORM);
        o.breakdown().ifPresent(stages -> outcomes.writeStages(cell.evalKey(attack), stages));
        outcomes.write(cell.evalKey(attack), o.perImage());
        List<String> all = new ArrayList<>(warnings);
        if (!model.net().warning().isEmpty()) {
            all.add(0, model.net().warning());
        }
        store.append(new ResultRow(facts(cell), attack.canonical(), cell.evalKey(attack), training(model), m,
                provenance(cell, attack, model), ResultRow.Status.OK, String.join("; ", all), Instant.now().toString()));
    }

    /** The row of an attack that failed on a model that exists. */
    void attackFailed(Cell cell, TrainedModel model, EvaluateStage.Natural natural, Plugin<Attack> attack, String reason) {
        store.append(new ResultRow(facts(cell), attack.canonical(), cell.evalKey(attack), training(model),
                Measures.naturalOnly(natural.accuracy(), natural.low(), natural.high(), budgetOf(attack)),
                provenance(cell, attack, model), ResultRow.Status.FAILED, reason, Instant.now().toString()));
    }

    /** The model's worst case per budget over every attack recorded for it, unless a row over the same attacks exists. */
    void worstCases(Cell cell) {
        List<ResultRow> mine = store.rows().stream().filter(r -> r.model().modelKey().equals(cell.modelKey())).toList();
        WorstCase.of(mine, outcomes).forEach((row, perImage) -> {
            if (!store.recorded(row.evalKey())) {
                outcomes.write(row.evalKey(), perImage);
                store.append(row);
            }
        });
    }

    /** The rows of a cell whose model could not be trained: one per attack it was to be evaluated with. */
    void modelFailed(Cell cell, List<Plugin<Attack>> attacks, String reason) {
        for (Plugin<Attack> attack : attacks) {
            store.append(new ResultRow(facts(cell), attack.canonical(), cell.evalKey(attack), Training.UNKNOWN,
                    Measures.naturalOnly(Double.NaN, Double.NaN, Double.NaN, budgetOf(attack)),
                    new Provenance(Version.get(), Version.build(), pluginVersions(cell, null, Plugin::versioned),
                            pluginVersions(cell, null, Plugin::source), "", "", Provenance.UNKNOWN_THREADS, Provenance.UNKNOWN_THREADS,
                            Devices.label(device)), ResultRow.Status.FAILED, reason,
                    Instant.now().toString()));
        }
    }

    /** The budget an attack's rows are reported at; none is known for an attack whose {@code create} failed. */
    private static Optional<Budget> budgetOf(Plugin<Attack> attack) {
        return attack.failed() ? Optional.empty() : attack.instance().evaluationBudget();
    }

    private static Training training(TrainedModel model) {
        return new Training(model.net().trainableCount(), model.steps(), model.seconds());
    }

    private Provenance provenance(Cell cell, Plugin<Attack> attack, TrainedModel model) {
        String how = model.net().computeLabel();
        return new Provenance(Version.get(), Version.build(), pluginVersions(cell, attack, Plugin::versioned),
                pluginVersions(cell, attack, Plugin::source), Engines.djlVersion(), Engines.describe() + (how.isEmpty() ? "" : " " + how),
                Engines.intraOpThreads(), Engines.interOpThreads(), Devices.label(device));
    }

    static ModelFacts facts(Cell cell) {
        if (cell.loaded()) {
            // nothing of the grid's training settings shaped a TorchScript model: its row says none
            return new ModelFacts(cell.dataset(), cell.model().canonical(), NONE, NONE, NONE, NONE, 0, 0, NONE, false, 1, 1, 0,
                    cell.seed(), cell.modelKey(), NONE);
        }
        return new ModelFacts(cell.dataset(), cell.model().canonical(), cell.activation().canonical(), cell.recipe().schedule().id(),
                cell.trainAttackSpec(), cell.partitionerSpec(), cell.share(), cell.sharePool(), cell.strategy().canonical(), cell.federated(),
                cell.clients(), cell.rounds(), cell.recipe().epochs(), cell.seed(), cell.modelKey(), cell.recipe().canonical());
    }

    /** One text per plugin that shaped the model (its architecture first), and for the eval attack when given, space-separated. */
    private static String pluginVersions(Cell cell, Plugin<Attack> attack, java.util.function.Function<Plugin<?>, String> text) {
        List<Plugin<?>> plugins = new ArrayList<>(cell.loaded() ? List.of() : cell.plugins());
        plugins.add(0, cell.model());
        if (attack != null) {
            plugins.add(attack);
        }
        return String.join(" ", plugins.stream().map(text).toList());
    }
}
