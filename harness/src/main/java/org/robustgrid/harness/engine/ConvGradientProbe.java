package org.robustgrid.harness.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The child process of {@link IsaCheck}: computes convolution outputs, input gradients and weight
 * gradients in float32 (oneDNN, at whatever {@code ONEDNN_MAX_CPU_ISA} this process was started with)
 * and in float64 (libtorch's own convolution, which does not go through oneDNN) on the convolution
 * shapes of the built-in models, and compares them.
 *
 * <p>It must run in a process of its own: oneDNN fixes its ISA when it first dispatches a kernel, so
 * each level is tried in a fresh JVM. Output is lines {@code probe ...} on stdout; the last one is
 * {@code probe verdict=correct} or {@code probe verdict=wrong ...}. Exit code 0 when every gradient
 * matches, {@link #WRONG} when one does not; anything else (a crash in a kernel) counts as wrong too.
 */
public final class ConvGradientProbe {

    /** Exit code when a result differs from the reference. */
    public static final int WRONG = 3;

    /** Exit code when the engine could not even be loaded: says nothing about the kernels. */
    public static final int NOT_RUN = 4;

    /**
     * Hidden, for tests: a comma-separated list of ISAs for which the probe adds a perturbation to the
     * reference, so the check must step down past them.
     */
    public static final String PERTURB_PROPERTY = "robustgrid.engine.check.perturb";

    /**
     * Largest accepted error, relative to the reference's norm. Correct float32 kernels stay near 1e-6
     * on these sizes; the wrong kernels this check exists for were off by the order of the values
     * themselves, and kernels that silently rounded through bfloat16 would be off by about 1e-3.
     */
    static final double TOLERANCE = 2e-4;

    /** Batch of the check: small enough for seconds, large enough for oneDNN's batched kernels. */
    static final int BATCH = 8;

    /** Two passes per shape: the known wrong kernels were also wrong at random (NaN with two threads). */
    static final int REPEATS = 2;

    /** One convolution: channels in and out, square image side, square kernel, stride (padding k/2). */
    record ConvShape(int in, int out, int size, int kernel, int stride) {
        /** Side of the output image (padding {@code kernel / 2}). */
        int outSize() {
            return (size + 2 * (kernel / 2) - kernel) / stride + 1;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d->%d k%d s%d @%dx%d", in, out, kernel, stride, size, size);
        }
    }

    /** The CIFAR ResNet-18's distinct convolutions, then the small CNN's (1 and 3 channels, width 16). */
    static final List<ConvShape> SHAPES = List.of(
            new ConvShape(3, 64, 32, 3, 1), new ConvShape(64, 64, 32, 3, 1),
            new ConvShape(64, 128, 32, 3, 2), new ConvShape(64, 128, 32, 1, 2), new ConvShape(128, 128, 16, 3, 1),
            new ConvShape(128, 256, 16, 3, 2), new ConvShape(128, 256, 16, 1, 2), new ConvShape(256, 256, 8, 3, 1),
            new ConvShape(256, 512, 8, 3, 2), new ConvShape(256, 512, 8, 1, 2), new ConvShape(512, 512, 4, 3, 1),
            new ConvShape(1, 16, 28, 3, 1), new ConvShape(16, 32, 14, 3, 1), new ConvShape(3, 16, 32, 3, 1));

    private ConvGradientProbe() {}

    /** Usage: {@code ConvGradientProbe <isa-label>}; the ISA itself comes from the environment. */
    public static void main(String[] args) {
        String isa = args.length > 0 ? args[0] : String.valueOf(System.getenv(NativeEnvironment.ISA_VARIABLE));
        boolean perturb = List.of(System.getProperty(PERTURB_PROPERTY, "").split(",")).contains(isa);
        PrintStream out = System.out;
        Engine engine;
        try {
            engine = Engine.getEngine(Engines.NAME);
        } catch (RuntimeException | Error e) {
            // nothing about the kernels is known: the parent must not step down on this
            out.println("probe verdict=not-run cannot load the engine: " + e);
            out.flush();
            System.exit(NOT_RUN);
            return;
        }
        int code;
        try {
            code = run(engine, out, perturb);
        } catch (RuntimeException | Error e) {
            out.println("probe verdict=wrong the convolution failed: " + e);
            code = WRONG;
        }
        out.flush();
        System.exit(code);
    }

    static int run(Engine engine, PrintStream out, boolean perturb) {
        out.printf(Locale.ROOT, "probe engine=%s %s%n", engine.getEngineName(), engine.getVersion());
        SplittableRandom random = new SplittableRandom(17);
        String worst = "";
        double worstError = 0;
        for (ConvShape s : SHAPES) {
            try (NDManager m = engine.newBaseManager()) {
                Operands o = Operands.random(s, random);
                double[][] ref = pass(m, s, o.x(m).toType(DataType.FLOAT64, false), o.w(m).toType(DataType.FLOAT64, false),
                        o.g(m).toType(DataType.FLOAT64, false));
                if (perturb) {
                    ref[1][0] += 1.0; // the injected wrong reference: one input-gradient element off by 1
                }
                for (int r = 0; r < REPEATS; r++) {
                    double[][] got = pass(m, s, o.x(m), o.w(m), o.g(m));
                    String[] names = {"output", "input-gradient", "weight-gradient"};
                    for (int k = 0; k < names.length; k++) {
                        double e = relativeError(got[k], ref[k]);
                        if (!(e <= worstError)) {
                            worstError = e;
                            worst = names[k] + " of " + s;
                        }
                        if (!(e <= TOLERANCE)) {
                            out.printf(Locale.ROOT, "probe verdict=wrong %s of conv %s: relative error %.3g (tolerance %.1g)%n",
                                    names[k], s, e, TOLERANCE);
                            return WRONG;
                        }
                    }
                }
            }
        }
        out.printf(Locale.ROOT, "probe verdict=correct largest relative error %.3g (%s), %d shapes at batch %d%n",
                worstError, worst, SHAPES.size(), BATCH);
        return 0;
    }

    /**
     * The largest relative difference between the float32 convolutions of {@link #SHAPES} (output, input
     * and weight gradients) run on NCHW arrays and on the same arrays stored channels-last, in this
     * process's engine. The check above verifies the NCHW kernels against float64; this carries that over
     * to the kernels libtorch picks for channels-last arrays, which are other kernels. NaN when either holds
     * a NaN.
     */
    public static double channelsLastError(Engine engine) {
        SplittableRandom random = new SplittableRandom(23);
        double worst = 0;
        for (ConvShape s : SHAPES) {
            try (NDManager m = engine.newBaseManager()) {
                Operands o = Operands.random(s, random);
                double[][] plain = pass(m, s, o.x(m), o.w(m), o.g(m));
                double[][] last = pass(m, s, MemoryFormats.channelsLast(o.x(m)), MemoryFormats.channelsLast(o.w(m)),
                        MemoryFormats.channelsLast(o.g(m)));
                for (int k = 0; k < plain.length; k++) {
                    double e = relativeError(last[k], plain[k]);
                    if (!(e <= worst)) {
                        worst = e;
                    }
                }
            }
        }
        return worst;
    }

    /** Random input, weights and output gradient for one shape, as host values. */
    private record Operands(ConvShape s, float[] x, float[] w, float[] g) {
        static Operands random(ConvShape s, SplittableRandom random) {
            return new Operands(s, uniform(random, BATCH * s.in() * s.size() * s.size(), 1.0),
                    uniform(random, s.out() * s.in() * s.kernel() * s.kernel(), 1.0 / Math.sqrt(s.in() * s.kernel() * s.kernel())),
                    uniform(random, BATCH * s.out() * s.outSize() * s.outSize(), 1.0));
        }

        NDArray x(NDManager m) {
            return m.create(x, new Shape(BATCH, s.in(), s.size(), s.size()));
        }

        NDArray w(NDManager m) {
            return m.create(w, new Shape(s.out(), s.in(), s.kernel(), s.kernel()));
        }

        NDArray g(NDManager m) {
            return m.create(g, new Shape(BATCH, s.out(), s.outSize(), s.outSize()));
        }
    }

    /** Output, input gradient and weight gradient of {@code sum(conv(x, w) * g)}, as doubles. */
    private static double[][] pass(NDManager m, ConvShape s, NDArray x, NDArray w, NDArray g) {
        x.setRequiresGradient(true);
        w.setRequiresGradient(true);
        NDArray y;
        try (GradientCollector c = m.getEngine().newGradientCollector()) {
            y = Conv2d.conv2d(x, w, null, new Shape(s.stride(), s.stride()), new Shape(s.kernel() / 2, s.kernel() / 2),
                    new Shape(1, 1), 1).singletonOrThrow();
            c.backward(y.mul(g).sum());
        }
        return new double[][] {doubles(y), doubles(x.getGradient()), doubles(w.getGradient())};
    }

    private static double[] doubles(NDArray a) {
        return a.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    /** ||got - ref|| / ||ref||; NaN when either holds a NaN, so NaN never passes. */
    public static double relativeError(double[] got, double[] ref) {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < ref.length; i++) {
            double d = got[i] - ref[i];
            diff += d * d;
            norm += ref[i] * ref[i];
        }
        return Math.sqrt(diff) / Math.max(Math.sqrt(norm), Double.MIN_NORMAL);
    }

    private static float[] uniform(SplittableRandom random, int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (scale * (2 * random.nextDouble() - 1));
        }
        return a;
    }
}
