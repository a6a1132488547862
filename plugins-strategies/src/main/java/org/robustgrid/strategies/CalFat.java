package org.robustgrid.strategies;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Optional;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.ClientContext;
import org.robustgrid.harness.spi.ClientUpdate;
import org.robustgrid.harness.spi.LocalBatch;
import org.robustgrid.harness.spi.Losses;
import org.robustgrid.harness.spi.Strategy;

/**
 * CalFAT (Chen et al., NeurIPS 2022, "CalFAT: Calibrated Federated Adversarial Training with Label
 * Skewness"): each client trains on logits calibrated by its own class prior, {@code c(z) = z +
 * τ·log π}, with a TRADES-style loss and a KL attack between calibrated logits; the server averages
 * client states with equal weights.
 */
final class CalFat implements Strategy {

    private final double tau;
    private final double beta;
    private final double eps;
    private final double alpha;
    private final int steps;

    CalFat(double tau, double beta, double eps, double alpha, int steps) {
        this.tau = tau;
        this.beta = beta;
        this.eps = eps;
        this.alpha = alpha;
        this.steps = steps;
    }

    @Override
    public boolean federated() {
        return true;
    }

    // loss = CE(c(f(x)), y) + β · KL(softmax c(f(x)) ‖ softmax c(f(x')))   (the KL term dropped when there is no x')
    @Override
    public NDArray localLoss(LocalBatch batch, ClientContext client) {
        NDArray offset = Calibration.offsets(batch.clean().getManager(), client.classCounts(), tau);
        NDArray clean = batch.forward(batch.clean()).add(offset);
        NDArray loss = Losses.crossEntropy(clean, batch.labels());
        if (batch.adversarial() == null) {
            return loss;
        }
        NDArray adversarial = batch.forward(batch.adversarial()).add(offset);
        return loss.add(Losses.kl(clean, adversarial).mul((float) beta));
    }

    @Override
    public Optional<Attack> trainingAttack(ClientContext client) {
        return Optional.of(new CalibratedKlAttack(eps, alpha, steps, tau, client.classCounts()));
    }

    // w ← (1/m) Σ_i w_i
    @Override
    public List<NDArray> aggregate(List<ClientUpdate> updates) {
        return Aggregation.mean(updates);
    }
}
