package org.robustgrid.harness.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.robustgrid.harness.data.Dataset;
import org.robustgrid.harness.engine.Engines;
import org.robustgrid.harness.model.Network;
import org.robustgrid.harness.plugin.Plugin;
import org.robustgrid.harness.spi.Architecture;
import org.robustgrid.harness.spi.Activation;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.ClientContext;
import org.robustgrid.harness.spi.Strategy;
import org.robustgrid.harness.train.LocalTrainer;
import org.robustgrid.harness.train.Recipe;

/**
 * Measures the adversarial-training step and attacks on a fixed batch that lives on the device: the
 * batch is made once, each iteration runs in its own scope, and the loss is read back once at the end,
 * so the timing holds only device work and the engine's dispatch.
 */
public final class StepBenchmark {

    /**
     * What a timing measured.
     *
     * @param iterations timed iterations
     * @param batch images per iteration
     * @param seconds wall time of the timed iterations
     */
    public record Timing(int iterations, int batch, double seconds) {
        public double imagesPerSecond() {
            return iterations * (double) batch / seconds;
        }
    }

    /**
     * Memory over a long run.
     *
     * @param steps steps taken at each sample
     * @param residentMb resident set size at each sample, MiB
     * @param liveArrays live NDArrays of the network's manager tree at each sample
     */
    public record MemoryTrace(List<Long> steps, List<Double> residentMb, List<Integer> liveArrays) {}

    private StepBenchmark() {}

    /** Random images shaped like CIFAR-10 (or any size), with the data set's normalization constants. */
    public static Dataset randomData(int n, int channels, int size, int classes, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] px = new byte[n * channels * size * size];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) r.nextInt(256);
        }
        int[] labels = new int[n];
        List<String> names = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            names.add("class" + k);
        }
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(classes);
        }
        float[] mean = new float[channels];
        float[] std = new float[channels];
        java.util.Arrays.fill(mean, 0.5f);
        java.util.Arrays.fill(std, 0.25f);
        return new Dataset("random", channels, size, size, names, px, labels, mean, std);
    }

    /** Times {@code iterations} training steps after {@code warmup} untimed ones. */
    public static Timing trainingStep(Plugin<Architecture> model, Activation activation, Attack attack, Strategy strategy, Recipe recipe,
            Dataset shape, Device device, int warmup, int iterations) {
        return trainingStep(model, activation, attack, strategy, recipe, shape, device, warmup, iterations, null);
    }

    /** Receives each step's loss (0-based step, warm-up steps first). */
    @FunctionalInterface
    public interface LossListener {
        void onLoss(int step, float loss);
    }

    /**
     * As above; with a listener, each step's loss is read back to the host and passed on (a sync per
     * step, so the timing then includes it): bit-for-bit equal losses over two runs show that the step
     * has nothing that depends on timing (docs/performance.md, the NaN of bench).
     */
    public static Timing trainingStep(Plugin<Architecture> model, Activation activation, Attack attack, Strategy strategy, Recipe recipe,
            Dataset shape, Device device, int warmup, int iterations, LossListener losses) {
        return trainingStep(model, activation, attack, strategy, recipe, shape, device, warmup, iterations, losses, null);
    }

    /**
     * As above; with {@code profile}, libtorch's operator profiler records the timed iterations and
     * writes them to that file as a Chrome trace (each operator's name, input shapes and times; the
     * profiler's overhead is in the timing then, so use it to compare operators, not throughput).
     */
    public static Timing trainingStep(Plugin<Architecture> model, Activation activation, Attack attack, Strategy strategy, Recipe recipe,
            Dataset shape, Device device, int warmup, int iterations, LossListener losses, Path profile) {
        Engines.seed(0);
        try (Network net = Network.create(model, activation, shape, device, recipe.batchSize());
                LocalTrainer trainer = new LocalTrainer(net, recipe, strategy);
                NDManager data = net.manager().newSubManager()) {
            NDArray x = data.randomUniform(0f, 1f, new Shape(recipe.batchSize(), shape.channels(), shape.height(), shape.width()),
                    DataType.FLOAT32, device);
            NDArray y = data.randomInteger(0, shape.numClasses(), new Shape(recipe.batchSize()), DataType.INT32);
            ClientContext client = new ClientContext(0, 1, 0, shape.classCounts(), List.of());
            NDArray lossSum = data.zeros(new Shape());
            for (int i = 0; i < warmup; i++) {
                step(net, trainer, x, y, client, attack, recipe.lr(), lossSum, i, losses);
            }
            lossSum.getFloat();
            if (profile != null) {
                JniUtils.startProfile(device.isGpu(), true, false);
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                step(net, trainer, x, y, client, attack, recipe.lr(), lossSum, warmup + i, losses);
            }
            // the only host read of the timed loop: it also waits for the device to finish
            float loss = lossSum.getFloat();
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (profile != null) {
                JniUtils.stopProfile(profile.toAbsolutePath().toString());
            }
            if (!Float.isFinite(loss)) {
                // the engine's label names oneDNN's level: the known source of NaN here was a wrong kernel
                throw new IllegalStateException("benchmark loss is " + loss + " over " + (warmup + iterations) + " steps of " + model.canonical()
                        + " on " + Engines.describe() + " with OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS"));
            }
            return new Timing(iterations, recipe.batchSize(), seconds);
        }
    }

    private static void step(Network net, LocalTrainer trainer, NDArray x, NDArray y, ClientContext client, Attack attack,
            double lr, NDArray lossSum, int index, LossListener losses) {
        try (NDManager m = net.manager().newSubManager(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray loss = trainer.step(m, x, y, client, attack, lr);
            lossSum.addi(loss);
            if (losses != null) {
                losses.onLoss(index, loss.getFloat());
            }
        }
    }

    /** Times an attack on a fixed batch against a freshly initialized network in inference mode. */
    public static Timing attack(Plugin<Architecture> model, Activation activation, Attack attack, Dataset shape, Device device, int batch,
            int warmup, int iterations) {
        Engines.seed(0);
        try (Network net = Network.create(model, activation, shape, device, batch); NDManager data = net.manager().newSubManager()) {
            NDArray x = data.randomUniform(0f, 1f, new Shape(batch, shape.channels(), shape.height(), shape.width()),
                    DataType.FLOAT32, device);
            NDArray y = data.randomInteger(0, shape.numClasses(), new Shape(batch), DataType.INT32);
            var classifier = net.inference(data);
            NDArray sum = data.zeros(new Shape());
            for (int i = 0; i < warmup; i++) {
                perturb(data, attack, classifier, x, y, sum);
            }
            sum.getFloat();
            long t0 = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                perturb(data, attack, classifier, x, y, sum);
            }
            sum.getFloat();
            return new Timing(iterations, batch, (System.nanoTime() - t0) / 1e9);
        }
    }

    private static void perturb(NDManager data, Attack attack, org.robustgrid.harness.spi.Classifier c, NDArray x, NDArray y,
            NDArray sum) {
        try (NDManager m = data.newSubManager(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            sum.addi(attack.perturb(c, x, y).sum());
        }
    }

    /**
     * Trains {@code steps} steps through the real training loop (host batching, augmentation, the
     * recipe) and samples resident memory and the network's live arrays every {@code every} steps.
     */
    public static MemoryTrace memory(Plugin<Architecture> model, Activation activation, Attack attack, Strategy strategy, Recipe recipe,
            Device device, int steps, int every) {
        int perEpoch = 100;
        Dataset data = randomData(perEpoch * recipe.batchSize(), 1, 16, 10, 1);
        Recipe r = recipe.withEpochs((steps + perEpoch - 1) / perEpoch);
        List<Long> at = new ArrayList<>();
        List<Double> rss = new ArrayList<>();
        List<Integer> live = new ArrayList<>();
        Engines.seed(0);
        try (Network net = Network.create(model, activation, data, device, recipe.batchSize()); LocalTrainer trainer = new LocalTrainer(net, r, strategy)) {
            ClientContext client = new ClientContext(0, 1, 0, data.classCounts(), List.of());
            trainer.train(data, client, attack, 0, step -> r.lr(), (step, images, loss) -> {
                if (step % every == 0) {
                    at.add(step);
                    rss.add(residentMb());
                    live.add(net.manager().getManagedArrays().size());
                }
            });
        }
        return new MemoryTrace(at, rss, live);
    }

    /** Resident set size of this process in MiB, from /proc (NaN where there is none). */
    public static double residentMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
