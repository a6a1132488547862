package org.robustgrid.activations;

import static org.robustgrid.activations.Closed.POINTS;
import static org.robustgrid.activations.Closed.check;
import static org.robustgrid.activations.Closed.create;
import static org.robustgrid.activations.Closed.density;
import static org.robustgrid.activations.Closed.phi;
import static org.robustgrid.activations.Closed.sech2;

import org.junit.jupiter.api.Test;

/**
 * Values and input gradients of every stateless activation (and of RReLU and PReLU in evaluation)
 * against their closed forms and derivatives, derived by hand and evaluated in double. At a kink the
 * expected gradient is PyTorch's convention, named where it is used.
 */
class ClosedFormTest {

    @Test
    void relu() {
        // PyTorch: relu'(0) = 0
        check(create(new ReluProvider(), "relu"), POINTS, x -> Math.max(0, x), x -> x > 0 ? 1 : 0);
    }

    @Test
    void leakyRelu() {
        // PyTorch: the slope applies at 0
        check(create(new LeakyReluProvider(), "leaky-relu"), POINTS, x -> x > 0 ? x : 0.01 * x, x -> x > 0 ? 1 : 0.01);
        check(create(new LeakyReluProvider(), "leaky-relu(negative-slope=0.2)"), POINTS,
                x -> x > 0 ? x : 0.2 * x, x -> x > 0 ? 1 : 0.2);
    }

    @Test
    void rreluInEvaluationUsesTheMeanSlope() {
        double mean = (1.0 / 8 + 1.0 / 3) / 2;
        check(create(new RreluProvider(), "rrelu"), POINTS, x -> x > 0 ? x : mean * x, x -> x > 0 ? 1 : mean);
        check(create(new RreluProvider(), "rrelu(lower=0.1,upper=0.5)"), POINTS, x -> x > 0 ? x : 0.3 * x, x -> x > 0 ? 1 : 0.3);
    }

    @Test
    void preluAtItsInitialSlope() {
        check(create(new PreluProvider(), "prelu"), POINTS, x -> x > 0 ? x : 0.25 * x, x -> x > 0 ? 1 : 0.25);
        check(create(new PreluProvider(), "prelu(init=0.6)"), POINTS, x -> x > 0 ? x : 0.6 * x, x -> x > 0 ? 1 : 0.6);
    }

    @Test
    void elu() {
        // alpha 1: both one-sided derivatives at 0 are 1
        check(create(new EluProvider(), "elu"), POINTS, x -> x > 0 ? x : Math.expm1(x), x -> x > 0 ? 1 : Math.exp(x));
        // alpha 0.5: the left derivative at 0 is alpha, PyTorch's value there
        check(create(new EluProvider(), "elu(alpha=0.5)"), POINTS, x -> x > 0 ? x : 0.5 * Math.expm1(x), x -> x > 0 ? 1 : 0.5 * Math.exp(x));
    }

    @Test
    void celu() {
        check(create(new CeluProvider(), "celu"), POINTS, x -> x > 0 ? x : Math.expm1(x), x -> x > 0 ? 1 : Math.exp(x));
        // CELU'(x) = e^(x/alpha) for x <= 0, so it is 1 at 0 for any alpha
        check(create(new CeluProvider(), "celu(alpha=2)"), POINTS, x -> x > 0 ? x : 2 * Math.expm1(x / 2), x -> x > 0 ? 1 : Math.exp(x / 2));
    }

    @Test
    void selu() {
        double a = 1.6732632423543772848170429916717;
        double l = 1.0507009873554804934193349852946;
        // PyTorch takes the negative branch at 0: l·a
        check(create(new SeluProvider(), "selu"), POINTS, x -> l * (x > 0 ? x : a * Math.expm1(x)), x -> l * (x > 0 ? 1 : a * Math.exp(x)));
    }

    @Test
    void geluExact() {
        // d/dx x·Φ(x) = Φ(x) + x·φ(x)
        check(create(new GeluProvider(), "gelu"), POINTS, x -> x * phi(x), x -> phi(x) + x * density(x));
    }

    @Test
    void geluTanh() {
        double k = Math.sqrt(2 / Math.PI);
        double c = 0.044715;
        // u = k(x + c·x³), f = x(1 + tanh u)/2, f' = (1 + tanh u)/2 + x·sech²(u)·k(1 + 3c·x²)/2;
        // at x = -2.5 this is 4.4e-4 off x·Φ(x), far beyond the tolerance, so an ignored choice fails here
        check(create(new GeluProvider(), "gelu(approximate=tanh)"), POINTS,
                x -> 0.5 * x * (1 + Math.tanh(k * (x + c * x * x * x))),
                x -> {
                    double u = k * (x + c * x * x * x);
                    return 0.5 * (1 + Math.tanh(u)) + 0.5 * x * sech2(u) * k * (1 + 3 * c * x * x);
                });
    }

    @Test
    void silu() {
        // d/dx x·σ(x) = σ(x)(1 + x(1 − σ(x)))
        check(create(new SiluProvider(), "silu"), POINTS, x -> x * Closed.sigmoid(x), x -> Closed.sigmoid(x) * (1 + x * (1 - Closed.sigmoid(x))));
    }

    @Test
    void hardSwish() {
        // inside (-3, 3): x(x + 3)/6, derivative (2x + 3)/6 = x/3 + 1/2; PyTorch uses the inner derivative at ±3 too
        double[] at = {-1e4, -100, -3.5, -3, -1.2, 0, 0.8, 3, 4, 1e4};
        check(create(new HardSwishProvider(), "hard-swish"), at,
                x -> x <= -3 ? 0 : x >= 3 ? x : x * (x + 3) / 6,
                x -> x < -3 ? 0 : x <= 3 ? x / 3 + 0.5 : 1);
    }

    @Test
    void hardTanh() {
        // PyTorch: the gradient is 0 at the corners (±1, and -2 and 3 below), 1 only strictly inside
        double[] at = {-1e4, -1.5, -1, -0.3, 0, 0.9, 1, 1.1, 1e4};
        check(create(new HardTanhProvider(), "hard-tanh"), at, x -> Math.max(-1, Math.min(1, x)), x -> Math.abs(x) < 1 ? 1 : 0);
        double[] wide = {-1e4, -2.5, -2, -1.5, 0, 2.9, 3, 3.1, 1e4};
        check(create(new HardTanhProvider(), "hard-tanh(min=-2,max=3)"), wide,
                x -> Math.max(-2, Math.min(3, x)), x -> x > -2 && x < 3 ? 1 : 0);
    }

    @Test
    void softplus() {
        // d/dx log(1 + eˣ) = σ(x)
        check(create(new SoftplusProvider(), "softplus"), POINTS, Closed::softplus, Closed::sigmoid);
    }

    @Test
    void softplusIsLinearAboveItsThreshold() {
        // beta 2, threshold 5: beta·x = 4.8 is on the curve, 5.2 on the line y = x (where the curve would give 2.6027)
        double[] at = {-1e4, -3, 0, 1, 2.4, 2.6, 1e4};
        check(create(new SoftplusProvider(), "softplus(beta=2,threshold=5)"), at,
                x -> 2 * x > 5 ? x : Math.log1p(Math.exp(2 * x)) / 2,
                x -> 2 * x > 5 ? 1 : Closed.sigmoid(2 * x));
    }

    @Test
    void mish() {
        // d/dx x·tanh(sp(x)) = tanh(sp(x)) + x·sech²(sp(x))·σ(x), with sp' = σ
        check(create(new MishProvider(), "mish"), POINTS,
                x -> x * Math.tanh(Closed.softplus(x)),
                x -> Math.tanh(Closed.softplus(x)) + x * sech2(Closed.softplus(x)) * Closed.sigmoid(x));
    }

    @Test
    void telu() {
        // d/dx x·tanh(eˣ) = tanh(eˣ) + x·eˣ·sech²(eˣ); the second term is below 1e-300 once eˣ > 350
        check(create(new TeluProvider(), "telu"), POINTS,
                x -> x * Math.tanh(Math.exp(x)),
                x -> {
                    double e = Math.exp(x);
                    return Math.tanh(e) + (e > 350 ? 0 : x * e * sech2(e));
                });
    }

    @Test
    void teluNearWhereItsClampStarts() {
        // around the clamp at x = 20 and where tanh(eˣ) reaches 1 in float32 (x ≈ 2.2)
        double[] at = {1.5, 2.2, 3, 19.5, 20, 20.5};
        check(create(new TeluProvider(), "telu"), at,
                x -> x * Math.tanh(Math.exp(x)),
                x -> Math.tanh(Math.exp(x)) + x * Math.exp(x) * sech2(Math.exp(x)));
    }

    @Test
    void tanh() {
        check(create(new TanhProvider(), "tanh"), POINTS, Math::tanh, x -> 1 - Math.tanh(x) * Math.tanh(x));
    }

    @Test
    void sigmoid() {
        check(create(new SigmoidProvider(), "sigmoid"), POINTS, Closed::sigmoid, x -> Closed.sigmoid(x) * (1 - Closed.sigmoid(x)));
    }

    @Test
    void softsign() {
        // d/dx x/(1 + |x|) = 1/(1 + |x|)²
        check(create(new SoftsignProvider(), "softsign"), POINTS, x -> x / (1 + Math.abs(x)), x -> 1 / ((1 + Math.abs(x)) * (1 + Math.abs(x))));
    }
}
