package org.robustgrid.strategies;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.ClientContext;
import org.robustgrid.harness.spi.ClientUpdate;
import org.robustgrid.harness.spi.LocalBatch;
import org.robustgrid.harness.spi.Losses;
import org.robustgrid.harness.spi.Scalars;
import org.robustgrid.harness.spi.Strategy;

/**
 * CalFAT (Chen et al., NeurIPS 2022, "CalFAT: Calibrated Federated Adversarial Training with Label
 * Skewness") as its authors' code does it (github.com/cc233/CalFAT, {@code fat.py}
 * {@code LocalUpdate.pgd_train} and {@code utils.py}):
 *
 * <ul>
 *   <li>each client trains on its adversarial examples only, with the calibrated cross-entropy
 *       {@code CE(s·(z + τ·log n_k), y)} ({@code maxMarginLoss}, s = 10; its {@code max_m} is never
 *       used), n_k the client's class counts ({@link Calibration});
 *   <li>the adversarial examples come from {@link CalibratedKlAttack} ({@code kl_adv});
 *   <li>a fresh SGD per local update, weight decay 2e-3 on CIFAR-10 (2e-4 on the other data sets);
 *   <li>the server averages the whole state with equal weights ({@code average_weights}), BatchNorm
 *       running statistics included.
 * </ul>
 *
 * The recipe's clean and noisy copies and its soft labels play no part in the loss.
 */
final class CalFat implements Strategy {

    private final double scale;
    private final double tau;
    private final double eps;
    private final double alpha;
    private final int steps;
    private final double startStd;
    private final double weightDecay;

    CalFat(double scale, double tau, double eps, double alpha, int steps, double startStd, double weightDecay) {
        this.scale = scale;
        this.tau = tau;
        this.eps = eps;
        this.alpha = alpha;
        this.steps = steps;
        this.startStd = startStd;
        this.weightDecay = weightDecay;
    }

    @Override
    public boolean federated() {
        return true;
    }

    // loss = CE(s · (f(x') + τ · log n), y)
    @Override
    public NDArray localLoss(LocalBatch batch, ClientContext client) {
        if (batch.adversarial() == null) {
            throw new IllegalStateException("calfat trains on adversarial examples only, but the batch has none;"
                    + " expected the harness to run calfat's training attack");
        }
        return calibratedLoss(batch.forward(batch.adversarial()), batch.labels(), client.classCounts(), scale, tau);
    }

    /** Mean over the batch of {@code CE(s·(z + τ·log n_k), y)}; floats, so that a double cannot promote the loss. */
    static NDArray calibratedLoss(NDArray logits, NDArray labels, long[] classCounts, double scale, double tau) {
        NDArray offset = Calibration.offsets(logits.getManager(), classCounts, tau);
        return Losses.crossEntropy(logits.add(offset).mul(Scalars.of(logits, scale)), labels);
    }

    @Override
    public Optional<Attack> trainingAttack(ClientContext client) {
        return Optional.of(new CalibratedKlAttack(eps, alpha, steps, tau, startStd, client.classCounts()));
    }

    @Override
    public OptionalDouble weightDecay() {
        return OptionalDouble.of(weightDecay);
    }

    // w ← (1/m) Σ_i w_i, every state entry
    @Override
    public List<NDArray> aggregate(List<ClientUpdate> updates) {
        return Aggregation.mean(updates);
    }
}
