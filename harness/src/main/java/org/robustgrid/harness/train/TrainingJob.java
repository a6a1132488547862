package org.robustgrid.harness.train;

import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.Partitioner;
import org.robustgrid.harness.spi.Strategy;

/**
 * Everything that decides how one model is trained, as the training step needs it: plugin instances,
 * not specs or keys (those belong to the grid).
 *
 * @param strategy the strategy: local objective and, when federated, aggregation
 * @param trainAttack the recipe's training attack, or null for none (a strategy may bring its own)
 * @param partitioner the client split, or null for centralized training
 * @param share the data-sharing fraction (0 for none)
 * @param sharePool the size of the shared pool as a fraction of the training set
 * @param clients federated clients (1 for centralized)
 * @param rounds federated rounds (1 for centralized)
 * @param clientFraction fraction of clients that train in each round
 * @param recipe the adversarial-training recipe
 * @param seed the seed every random draw of the training derives from
 */
public record TrainingJob(
        Strategy strategy, Attack trainAttack, Partitioner partitioner, double share, double sharePool, int clients, int rounds, double clientFraction,
        Recipe recipe, long seed) {

    public boolean federated() {
        return strategy.federated();
    }
}
