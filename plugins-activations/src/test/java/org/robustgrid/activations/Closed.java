package org.robustgrid.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.function.DoubleUnaryOperator;
import org.robustgrid.harness.spi.Activation;
import org.robustgrid.harness.spi.ActivationProvider;
import org.robustgrid.harness.testkit.Plugins;

/** Compares an activation's float32 values and input gradients with closed forms evaluated in double. */
final class Closed {

    /** A negative tail, negatives, zero, positives and a positive tail. */
    static final double[] POINTS = {-1e4, -100, -2.5, -0.5, 0, 0.7, 1.9, 100, 1e4};

    private Closed() {}

    /** The activation of {@code spec} ({@code id} or {@code id(key=value,...)}) made by {@code provider}. */
    static Activation create(ActivationProvider provider, String spec) {
        assertEquals(provider.id(), Plugins.id(spec), "spec of another plugin");
        return Plugins.create(provider, spec);
    }

    /**
     * Asserts {@code |y - f(x)| <= 1e-6 + 1e-5·|f(x)|} and the same for the gradient, at each point, in
     * evaluation mode.
     */
    static void check(Activation activation, double[] xs, DoubleUnaryOperator f, DoubleUnaryOperator df) {
        float[] in = new float[xs.length];
        for (int i = 0; i < xs.length; i++) {
            in[i] = (float) xs[i];
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(in);
            Block block = activation.newBlock();
            block.initialize(m, DataType.FLOAT32, x.getShape());
            x.setRequiresGradient(true);
            NDArray y;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                y = block.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
                collector.backward(y.sum());
            }
            float[] values = y.toFloatArray();
            float[] grads = x.getGradient().toFloatArray();
            for (int i = 0; i < in.length; i++) {
                double at = in[i];
                double want = f.applyAsDouble(at);
                double wantGrad = df.applyAsDouble(at);
                assertEquals(want, values[i], tolerance(want), "f(" + at + ")");
                assertEquals(wantGrad, grads[i], tolerance(wantGrad), "f'(" + at + ")");
            }
        }
    }

    private static double tolerance(double expected) {
        return 1e-6 + 1e-5 * Math.abs(expected);
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** 1/cosh²(s), 0 where cosh overflows. */
    static double sech2(double s) {
        double c = Math.cosh(s);
        return 1 / (c * c);
    }

    /** log(1 + eˣ) in double, x itself where eˣ is beyond double's precision next to x. */
    static double softplus(double x) {
        return x > 40 ? x : Math.log1p(Math.exp(x));
    }

    /** The standard normal CDF Φ. */
    static double phi(double x) {
        return 0.5 * (1 + erf(x / Math.sqrt(2)));
    }

    /** The standard normal density φ. */
    static double density(double x) {
        return Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
    }

    /**
     * erf by its series of positive terms, erf(z) = 2/√π·e^(−z²)·Σ (2z²)ⁿ·z/(2n+1)!!, exact to double
     * rounding for |z| < 6; beyond, |1 − |erf(z)|| < 1e-16.
     */
    static double erf(double z) {
        if (Math.abs(z) >= 6) {
            return Math.signum(z);
        }
        double term = z;
        double sum = z;
        for (int n = 1; Math.abs(term) > 1e-18 * Math.abs(sum); n++) {
            term *= 2 * z * z / (2 * n + 1);
            sum += term;
        }
        return 2 / Math.sqrt(Math.PI) * Math.exp(-z * z) * sum;
    }
}
