package org.robustgrid.harness.spi;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The training loop's policy: centralized, or a federated algorithm's local objective and
 * aggregation rule.
 *
 * <p>Contract: aggregating identical client states returns that state unchanged (to float
 * precision), whatever the weights.
 *
 * <p>The optimizer: every local update (one client in one federated round) starts a fresh SGD, its
 * momentum zero, with the recipe's learning rate and momentum; a strategy may set the weight decay
 * ({@link #weightDecay()}).
 */
public interface Strategy {

    /** False for centralized training (one client holding the whole training set, no rounds). */
    boolean federated();

    /**
     * The loss a client minimizes on one batch. The default is the recipe's: soft-label
     * cross-entropy over the batch's clean, adversarial and noisy copies ({@link LocalBatch#recipeLoss()}).
     *
     * @return a scalar, computed inside the harness's gradient scope
     */
    default NDArray localLoss(LocalBatch batch, ClientContext client) {
        return batch.recipeLoss();
    }

    /**
     * An attack that replaces the recipe's training attack for this client (CalFAT's calibrated KL
     * attack), or empty to keep the recipe's.
     */
    default Optional<Attack> trainingAttack(ClientContext client) {
        return Optional.empty();
    }

    /**
     * The SGD weight decay (L2, on every parameter, as PyTorch's SGD applies it) of this strategy's
     * local updates, or empty to keep the recipe's. For methods whose source fixes it (CalFAT's code:
     * 2e-3 on CIFAR-10), so that the method is compared as published whatever the recipe says.
     */
    default OptionalDouble weightDecay() {
        return OptionalDouble.empty();
    }

    /**
     * Combines client states into the next global state. Each state lists every parameter of the
     * model in one fixed order, BatchNorm running statistics included.
     *
     * @param updates at least one client update
     * @return the new global state, in the same order and shapes; fresh arrays attached to the manager
     *     of the first update's first array
     */
    List<NDArray> aggregate(List<ClientUpdate> updates);
}
