package org.robustgrid.strategies;

import java.util.List;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.spi.Strategy;
import org.robustgrid.harness.spi.StrategyProvider;

/**
 * {@code calfat(scale=10,tau=0.1,eps=8/255,alpha=2/255,steps=10,start-std=0.001,weight-decay=2e-3)}:
 * CalFAT as its authors' code runs CIFAR-10 (see {@link CalFat}). Every default is a constant of that
 * code: {@code s=10} and {@code 0.1} in {@code utils.py} ({@code maxMarginLoss}, {@code maxMarginLoss_kl}),
 * the attack's {@code epsilon=8/255}, {@code step_size=2/255}, 10 steps and {@code 0.001 * torch.randn}
 * start ({@code fat.py} {@code sets["cifar10"]}, {@code utils.py} {@code kl_adv}), and weight decay
 * {@code 2e-3} ({@code fat.py} {@code pgd_train}). The code's (F)MNIST settings are
 * {@code eps=0.3,alpha=0.01,weight-decay=2e-4}, with 40 steps on MNIST and 10 on Fashion-MNIST.
 */
public final class CalFatProvider implements StrategyProvider {

    static final String SCALE = "scale";
    static final String TAU = "tau";
    static final String EPS = "eps";
    static final String ALPHA = "alpha";
    static final String STEPS = "steps";
    static final String START_STD = "start-std";
    static final String WEIGHT_DECAY = "weight-decay";

    /** s of {@code CE(s·(z + τ·log n), y)}, the code's {@code s=10}. */
    static final double DEFAULT_SCALE = 10;
    /** τ, the code's {@code 0.1 * torch.log(m_list + 1e-7)}. */
    static final double DEFAULT_TAU = 0.1;
    /** The code's CIFAR-10 attack budget. */
    static final double DEFAULT_EPS = 8.0 / 255;
    /** The code's CIFAR-10 attack step. */
    static final double DEFAULT_ALPHA = 2.0 / 255;
    /** The code's attack steps on every data set but MNIST. */
    static final int DEFAULT_STEPS = 10;
    /** The code's random start, {@code 0.001 * torch.randn}. */
    static final double DEFAULT_START_STD = 0.001;
    /** The code's CIFAR-10 weight decay. */
    static final double DEFAULT_WEIGHT_DECAY = 2e-3;

    @Override
    public String id() {
        return "calfat";
    }

    @Override
    public String description() {
        return "CalFAT as its authors' code: calibrated CE on adversarial examples from a calibrated KL attack,"
                + " equal-weight averaging (Chen et al. 2022)";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(
                ParamSpec.real(SCALE, DEFAULT_SCALE, 1e-3, 1e3, "logit scale s of the loss CE(s * (z + tau * log n_k), y)"),
                ParamSpec.real(TAU, DEFAULT_TAU, 0, 10, "calibration strength: logits + tau * log(class count), absent class counted as 1"),
                ParamSpec.real(EPS, DEFAULT_EPS, 0, 1, "L-infinity budget of the training attack, in [0,1] pixel units"),
                ParamSpec.real(ALPHA, DEFAULT_ALPHA, 0, 1, "step size of the training attack"),
                ParamSpec.integer(STEPS, DEFAULT_STEPS, 1, 1000, "steps of the training attack"),
                ParamSpec.real(START_STD, DEFAULT_START_STD, 0, 1, "standard deviation of the attack's Gaussian random start"),
                ParamSpec.real(WEIGHT_DECAY, DEFAULT_WEIGHT_DECAY, 0, 0.999, "SGD weight decay of the local updates (replaces the recipe's)"));
    }

    @Override
    public Strategy create(Params params) {
        return new CalFat(params.real(SCALE), params.real(TAU), params.real(EPS), params.real(ALPHA), params.integer(STEPS),
                params.real(START_STD), params.real(WEIGHT_DECAY));
    }
}
