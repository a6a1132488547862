package org.robustgrid.harness.train;

import java.util.List;
import org.robustgrid.harness.checkpoint.CheckpointStore;
import org.robustgrid.harness.data.Dataset;
import org.robustgrid.harness.engine.Engines;
import org.robustgrid.harness.model.Network;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.ClientContext;
import org.robustgrid.harness.spi.Strategy;

/** Trains one model: the whole training set centralized, or federated rounds over clients. */
public final class ModelTrainer {

    private ModelTrainer() {}

    /**
     * Trains {@code net} and returns the optimizer steps of the model's whole training.
     *
     * @param rounds where a federated training keeps its round states (and resumes from); unused when centralized
     * @throws DivergedException when the loss becomes NaN or infinite
     */
    public static long train(TrainingJob job, Network net, Dataset train, CheckpointStore.Rounds rounds, TrainingListener listener) {
        if (job.federated()) {
            return new FederatedLoop(job, net, train, rounds, listener).run();
        }
        Strategy strategy = job.strategy();
        Recipe recipe = job.recipe();
        long perEpoch = stepsPerEpoch(train.size(), recipe.batchSize());
        long total = perEpoch * recipe.epochs();
        ClientContext client = new ClientContext(0, 1, 0, train.classCounts(), List.of());
        Attack attack = strategy.trainingAttack(client).orElse(job.trainAttack());
        listener.started(total, 0);
        try (LocalTrainer trainer = new LocalTrainer(net, recipe, strategy)) {
            Engines.seed(mix(job.seed(), 0, 0));
            return trainer.train(train, client, attack, mix(job.seed(), 1, 0), step -> recipe.schedule().rate(recipe.lr(), step, total),
                    (step, images, reading) -> listener.step("epoch " + ((step - 1) / perEpoch + 1) + "/" + recipe.epochs(), images, reading));
        }
    }

    static long stepsPerEpoch(int examples, int batch) {
        return (examples + batch - 1) / batch;
    }

    /** A seed for one (round, client) of a model, so a resumed run draws what an uninterrupted one would. */
    static long mix(long seed, long round, long client) {
        long z = seed * 0x9E3779B97F4A7C15L + round * 0xBF58476D1CE4E5B9L + client * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
