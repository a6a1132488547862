package org.robustgrid.harness.grid;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.robustgrid.harness.model.TorchScript;
import org.robustgrid.harness.plugin.Plugin;
import org.robustgrid.harness.results.Keys;
import org.robustgrid.harness.spi.Activation;
import org.robustgrid.harness.spi.Architecture;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.Partitioner;
import org.robustgrid.harness.spi.Strategy;
import org.robustgrid.harness.train.Recipe;
import org.robustgrid.harness.train.TrainingJob;

/**
 * One trained model of the grid: everything that changes its weights. Two cells with equal
 * {@link #trainingKey()} train the same model, so it is trained once and checkpointed under
 * {@link #modelKey()}.
 *
 * @param dataset the data set id
 * @param model the architecture (its canonical spec is in the keys; its code's digest is not, so keys written before
 *     architectures were plugins stay valid)
 * @param activation the activation
 * @param trainAttack the training attack, or null for none
 * @param partitioner the partitioner, or null for centralized training
 * @param share the data-sharing fraction (0 for centralized)
 * @param sharePool the shared pool's size as a fraction of the training set (used only when share &gt; 0)
 * @param strategy the strategy
 * @param clients clients (1 for centralized)
 * @param rounds rounds (1 for centralized)
 * @param clientFraction fraction of clients per round
 * @param recipe the training recipe
 * @param trainLimit training images used (0 = all)
 * @param seed the seed
 */
public record Cell(
        String dataset, Plugin<Architecture> model, Plugin<Activation> activation, Plugin<Attack> trainAttack, Plugin<Partitioner> partitioner,
        double share, double sharePool, Plugin<Strategy> strategy, int clients, int rounds, double clientFraction, Recipe recipe, int trainLimit,
        long seed) {

    /** True when the model is a TorchScript file, evaluated as it is: no training setting applies to it. */
    public boolean loaded() {
        return !model.failed() && model.instance() instanceof TorchScript;
    }

    /** True for federated strategies (false for a strategy whose {@code create} failed: its rows are failed ones). */
    public boolean federated() {
        return federated(strategy);
    }

    /** True when {@code strategy} was created and is federated. */
    static boolean federated(Plugin<Strategy> strategy) {
        return !strategy.failed() && strategy.instance().federated();
    }

    /** The training as the training step needs it: plugin instances, no specs or keys. */
    public TrainingJob job() {
        return new TrainingJob(strategy.instance(), trainAttack == null ? null : trainAttack.instance(),
                partitioner == null ? null : partitioner.instance(), share, sharePool, clients, rounds, clientFraction, recipe, seed);
    }

    /** The plugins that shape the model's weights, in key order. */
    public List<Plugin<?>> plugins() {
        List<Plugin<?>> out = new ArrayList<>();
        out.add(activation);
        if (trainAttack != null) {
            out.add(trainAttack);
        }
        if (partitioner != null) {
            out.add(partitioner);
        }
        out.add(strategy);
        return out;
    }

    /**
     * The canonical text of everything that changes the weights: the settings, and the digests of the
     * plugins' code, so a changed plugin jar trains its models again (an eval attack's jar is not part
     * of it: a new attack jar still evaluates the stored models).
     */
    public String trainingKey() {
        return trainingKey(p -> p.info().digest());
    }

    /** {@link #trainingKey()} with the plugins' code digests given by {@code digest} (those a row recorded, say). */
    public String trainingKey(java.util.function.Function<Plugin<?>, String> digest) {
        if (loaded()) {
            return "dataset=" + dataset + "|model=" + model.canonical(); // the spec carries the file's SHA-256
        }
        return String.format(Locale.ROOT,
                "dataset=%s|train-limit=%d|model=%s|activation=%s|train-attack=%s|%s|strategy=%s|partitioner=%s|share=%s"
                        + "|clients=%d|rounds=%d|client-fraction=%s|seed=%d",
                dataset, trainLimit, model.canonical(), activation.canonical(), trainAttackSpec(), recipe.canonical(), strategy.canonical(),
                partitionerSpec(), share, clients, rounds, clientFraction, seed)
                // the pool only shapes the weights when there is sharing; keys of models without sharing stay as they were
                + (share > 0 ? "|share-pool=" + sharePool : "")
                + "|code=" + String.join(",", plugins().stream().map(digest).toList());
    }

    /** A short hash of {@link #trainingKey()}: the checkpoint's name. */
    public String modelKey() {
        return Keys.hash(trainingKey());
    }

    /** The key of this model's evaluation under one attack. */
    public String evalKey(Plugin<Attack> attack) {
        return Keys.hash(modelKey() + "|" + attack.canonical());
    }

    public String trainAttackSpec() {
        return trainAttack == null ? "none" : trainAttack.canonical();
    }

    public String partitionerSpec() {
        return partitioner == null ? "none" : partitioner.canonical();
    }

    /** A short label for progress lines. */
    public String label() {
        if (loaded()) {
            return model.canonical();
        }
        return activation.info().id() + " " + recipe.schedule().id() + " " + strategy.info().id()
                + (partitioner == null ? "" : " " + partitioner.info().id() + (share > 0 ? " share=" + share : ""))
                + " seed=" + seed;
    }
}
