package org.robustgrid.harness.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.robustgrid.harness.engine.ConvGradientProbe;
import org.robustgrid.harness.engine.Engines;
import org.robustgrid.harness.engine.MemoryFormats;
import org.robustgrid.harness.engine.MeasuredChoices;
import org.robustgrid.harness.plugin.Plugin;
import org.robustgrid.harness.spi.Activation;
import org.robustgrid.harness.spi.Architecture;
import org.robustgrid.harness.spi.Losses;
import org.robustgrid.harness.spi.SpecException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which memory layout a network's activations use on the CPU: PyTorch's default (NCHW) or channels-last
 * (the same NCHW arrays with their values stored NHWC). Which one is faster depends on the oneDNN
 * kernels this machine gets: on an Intel Xeon with AVX-512 and libtorch 2.7.1, channels-last saves the
 * layout conversions around every convolution and made the ResNet-18 training step about 9% faster;
 * elsewhere it can be slower. So it is measured, once per machine (CPU, libtorch, threads, oneDNN
 * level) and model and input shape, and cached beside the oneDNN check: a throw-away copy of the
 * model, with weights from a host random generator (the engine's stays untouched, so a run's numbers
 * do not depend on whether the answer was cached), runs a training forward and backward pass in both
 * layouts, and channels-last is used only when it computes what NCHW computes (every convolution shape
 * of the built-in models, output and gradients, and the model's logits, to {@value #TOLERANCE}) and is
 * at least {@value #MIN_SPEEDUP}x as fast. The system property {@value #PROPERTY} ({@code auto},
 * {@code nchw}, {@code channels-last}) overrides it; GPUs keep NCHW.
 */
public final class Layouts {

    /** {@code auto} (default: measured), {@code nchw} or {@code channels-last}. */
    public static final String PROPERTY = "robustgrid.layout";

    /** Channels-last must be at least this much faster: below it the measurement cannot tell them apart. */
    static final double MIN_SPEEDUP = 1.03;

    /** Largest relative difference between the layouts' results (float32 kernels differ near 1e-6). */
    static final double TOLERANCE = 1e-4;

    /**
     * The largest batch measured: the gain of channels-last grows with the batch (on the Intel machine of
     * docs/performance.md, ResNet-18 PGD-1 steps: 2% at 32 images, 11% at 64, 10% at 128), so the
     * measurement runs at the run's own batch size, up to this.
     */
    static final int MAX_BATCH = 128;

    /**
     * Timed steps per layout, alternating, after one untimed step each; the fastest of each counts. Small
     * models take more rounds, until each layout has run {@value #MIN_SECONDS} s (at most {@value #MAX_ROUNDS}).
     */
    static final int ROUNDS = 2;
    static final double MIN_SECONDS = 1.0;
    static final int MAX_ROUNDS = 100;

    /** Bumped when the measurement changes, so older answers are not trusted. */
    static final String CHECK_VERSION = "1";

    /**
     * A layout and why.
     *
     * @param channelsLast whether activations are stored channels-last
     * @param label for provenance, {@code layout=channels-last (measured 1.09x)}; empty where no choice was made (GPU)
     */
    public record Choice(boolean channelsLast, String label) {}

    /**
     * What one measurement found.
     *
     * @param nchwSeconds the fastest NCHW pass
     * @param channelsLastSeconds the fastest channels-last pass
     * @param error largest relative difference between the layouts: each convolution's output and
     *     gradients ({@link ConvGradientProbe#channelsLastError}) and the network's logits
     */
    record Measurement(double nchwSeconds, double channelsLastSeconds, double error) {
        double speedup() {
            return nchwSeconds / channelsLastSeconds;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(Layouts.class);
    private static final Map<String, Choice> CHOSEN = new ConcurrentHashMap<>();
    private static final Activation RELU = () -> ai.djl.nn.Activation.reluBlock();

    private Layouts() {}

    /** The layout for {@code model} on images of this shape on {@code device}, trained at {@code batch} images a step. */
    static Choice choose(Plugin<Architecture> model, int channels, int height, int width, int classes, int batch, Device device) {
        if (!Device.Type.CPU.equals(device.getDeviceType())) {
            return new Choice(false, "");
        }
        String wanted = System.getProperty(PROPERTY, "auto").strip();
        switch (wanted) {
            case "nchw":
                return new Choice(false, "layout=nchw (set)");
            case "channels-last":
                return new Choice(true, "layout=channels-last (set)");
            case "auto":
                break;
            default:
                throw new SpecException("-D" + PROPERTY + " is '" + wanted + "'; expected auto, nchw or channels-last");
        }
        int measured = Math.max(1, Math.min(batch, MAX_BATCH));
        String what = model.canonical() + " on " + channels + "x" + height + "x" + width + " at batch " + measured;
        return CHOSEN.computeIfAbsent(what, k -> measured(k, model.instance(), channels, height, width, classes, measured));
    }

    private static Choice measured(String what, Architecture architecture, int channels, int height, int width, int classes, int batch) {
        Map<String, String> key = new LinkedHashMap<>();
        key.put("key.model", what);
        key.put("key.layout-check", CHECK_VERSION);
        boolean[] fresh = {false};
        Map<String, String> values = MeasuredChoices.readOrMeasure("layout", key, "layout", where -> {
            fresh[0] = true;
            System.err.printf(Locale.ROOT, "robustgrid: timing activation layouts for %s (once per machine)...%n", what);
            Measurement m;
            try {
                m = measure(architecture, channels, height, width, classes, batch);
            } catch (RuntimeException e) {
                // a model whose channels-last pass fails runs NCHW: the layout is a speed-up, never a reason to fail a cell
                System.err.printf(Locale.ROOT, "robustgrid: could not time activation layouts for %s (%s); using NCHW; %s%n", what, e, where);
                return Map.of("layout", "nchw", "label", "layout=nchw (not measured: " + e.getClass().getSimpleName() + ")");
            }
            Choice c = decide(m);
            System.err.printf(Locale.ROOT, "robustgrid: activation layouts for %s, one attack and training step: NCHW %.3f s, "
                    + "channels-last %.3f s (%.2fx), results equal to %.2g; %s; %s%n", what, m.nchwSeconds(), m.channelsLastSeconds(),
                    m.speedup(), m.error(), c.label(), where);
            Map<String, String> v = new LinkedHashMap<>();
            v.put("layout", c.channelsLast() ? "channels-last" : "nchw");
            v.put("label", c.label());
            v.put("nchw.seconds", String.format(Locale.ROOT, "%.4f", m.nchwSeconds()));
            v.put("channels-last.seconds", String.format(Locale.ROOT, "%.4f", m.channelsLastSeconds()));
            v.put("error", String.format(Locale.ROOT, "%.3g", m.error()));
            v.put("measured", java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
            return v;
        });
        Choice c = new Choice("channels-last".equals(values.get("layout")), values.getOrDefault("label", ""));
        if (!fresh[0]) {
            LOG.info("activation layout for {}: {} (measured {})", what, c.label(), values.getOrDefault("measured", "?"));
        }
        return c;
    }

    /** Forgets this process's choices (tests). */
    static void forget() {
        CHOSEN.clear();
    }

    /** Channels-last when it computes the same and is clearly faster; NCHW otherwise. */
    static Choice decide(Measurement m) {
        if (!(m.error() <= TOLERANCE)) {
            return new Choice(false, String.format(Locale.ROOT, "layout=nchw (channels-last differs by %.2g)", m.error()));
        }
        boolean faster = m.speedup() >= MIN_SPEEDUP;
        return new Choice(faster, String.format(Locale.ROOT, "layout=%s (measured %.2fx)", faster ? "channels-last" : "nchw", m.speedup()));
    }

    /**
     * Times what a training step does, on a throw-away copy of the model, in both layouts: an attack's
     * input-gradient pass in inference mode (BatchNorm folded, as {@link Network#inference} runs it), then
     * a training forward and backward pass over three copies of the batch (clean, adversarial, noisy).
     */
    static Measurement measure(Architecture architecture, int channels, int height, int width, int classes, int batch) {
        float[] mean = new float[channels];
        float[] std = new float[channels];
        java.util.Arrays.fill(mean, 0.5f);
        java.util.Arrays.fill(std, 0.25f);
        try (NDManager m = Engines.get().newBaseManager(Device.cpu())) {
            Models.Built built = Models.buildFoldable(architecture, RELU, channels, height, width, classes, mean, std);
            Block block = built.block();
            SplittableRandom random = new SplittableRandom(1);
            // host random numbers: the engine's generator, which seeds the run, stays untouched
            block.setInitializer((manager, shape, type) -> manager.create(gaussian(random, shape), shape), Parameter.Type.WEIGHT);
            block.initialize(m, DataType.FLOAT32, new Shape(1, channels, height, width));
            ParameterStore store = new ParameterStore(m, false);
            Shape xs = new Shape(batch, channels, height, width);
            float[] pixels = new float[(int) xs.size()];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (float) random.nextDouble();
            }
            int[] labels = new int[3 * batch];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = i % classes;
            }
            NDArray x = m.create(pixels, xs);
            NDArray y = m.create(labels);
            Step nchw = new Step(block, store, built.folding(), x, y, false);
            Step last = new Step(block, store, built.folding(), x, y, true);
            double[] a = nchw.run();
            double[] b = last.run();
            // the convolutions, kernel by kernel (tight: no ReLU between), and the network's logits
            double error = Math.max(ConvGradientProbe.channelsLastError(Engines.get()), ConvGradientProbe.relativeError(b, a));
            double tn = Double.POSITIVE_INFINITY;
            double tc = Double.POSITIVE_INFINITY;
            double spentN = 0;
            double spentC = 0;
            for (int r = 0; r < MAX_ROUNDS && (r < ROUNDS || spentN < MIN_SECONDS || spentC < MIN_SECONDS); r++) {
                double n = nchw.timed();
                double c = last.timed();
                tn = Math.min(tn, n);
                tc = Math.min(tc, c);
                spentN += n;
                spentC += c;
            }
            return new Measurement(tn, tc, error);
        }
    }

    /** One measured step in one layout. */
    private record Step(Block block, ParameterStore store, Folding folding, NDArray x, NDArray y, boolean channelsLast) {

        double timed() {
            long t0 = System.nanoTime();
            run();
            return (System.nanoTime() - t0) / 1e9;
        }

        /**
         * Runs the step; returns the training pass's logits. (The input gradients of the two layouts differ
         * by more than rounding, about 4e-3 on ResNet-18, where ReLU inputs near zero round to the other
         * side; so only the logits are compared.)
         */
        double[] run() {
            try (NDManager step = x.getManager().newSubManager()) {
                NDArray xt = x.duplicate();
                xt.attach(step);
                List<Parameter> weights = block.getParameters().values().stream().filter(Parameter::requiresGradient).toList();
                weights.forEach(p -> p.getArray().setRequiresGradient(false));
                try {
                    FoldedForward folded = new FoldedForward(block, store, folding, step, channelsLast);
                    xt.setRequiresGradient(true);
                    try (GradientCollector c = Engines.get().newGradientCollector()) {
                        NDArray z = folded.apply(xt);
                        c.backward(Losses.crossEntropy(z, y.get("0:" + x.getShape().get(0))));
                    }
                    xt.getGradient().attach(step);
                } finally {
                    weights.forEach(p -> p.getArray().setRequiresGradient(true));
                }
                // a fixed perturbation for the adversarial copy: the two layouts' input gradients differ in sign here and there
                NDArray batch = NDArrays.concat(new NDList(x, x.sub(0.5f).sign().mul(0.03f).add(x), x));
                batch.attach(step);
                NDArray logits;
                try (GradientCollector c = Engines.get().newGradientCollector()) {
                    NDArray in = channelsLast ? MemoryFormats.channelsLast(batch) : batch;
                    logits = block.forward(store, new NDList(in), true).singletonOrThrow();
                    c.backward(Losses.crossEntropy(logits, y));
                }
                logits.attach(step);
                return logits.toType(DataType.FLOAT64, false).toDoubleArray();
            }
        }
    }

    private static float[] gaussian(SplittableRandom random, Shape shape) {
        long fanIn = shape.dimension() > 1 ? shape.size() / shape.get(0) : shape.size();
        double sd = Math.sqrt(2.0 / Math.max(1, fanIn));
        float[] a = new float[(int) shape.size()];
        for (int i = 0; i < a.length; i++) {
            double u = 1 - random.nextDouble();
            double v = random.nextDouble();
            a[i] = (float) (sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
        }
        return a;
    }
}
