package org.robustgrid.harness.cli;

import ai.djl.Device;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.robustgrid.harness.Defaults;
import org.robustgrid.harness.bench.StepBenchmark;
import org.robustgrid.harness.data.Dataset;
import org.robustgrid.harness.engine.Devices;
import org.robustgrid.harness.engine.Engines;
import org.robustgrid.harness.grid.GridSpec;
import org.robustgrid.harness.plugin.Plugin;
import org.robustgrid.harness.plugin.PluginRegistry;
import org.robustgrid.harness.plugin.PluginSpec;
import org.robustgrid.harness.spi.Architecture;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.SpecException;
import org.robustgrid.harness.train.LrSchedule;
import org.robustgrid.harness.train.Recipe;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code robustgrid bench}: images per second of the adversarial-training step (default), of one
 * attack ({@code --attack}), or memory over a long run ({@code --memory-steps}). The last line is
 * always {@code images_per_second=<x>} (or, for memory, {@code rss_growth=<x>}).
 */
@Command(name = "bench", description = "Measure the adversarial-training step (or an attack, or memory over many steps).")
final class BenchCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", defaultValue = "resnet18", description = "model spec; resnet18 is the CIFAR ResNet-18 (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--batch", defaultValue = "" + Defaults.BATCH_SIZE, description = "clean images per step (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--steps", defaultValue = "10", description = "PGD steps of the training attack; 0 for none (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--iterations", defaultValue = "5", description = "timed iterations (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--warmup", defaultValue = "2", description = "untimed iterations first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--device", defaultValue = Defaults.DEVICE, description = "cpu, gpu, gpu:N or auto (default: ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--activation", description = "activation spec (default: the grid's default activation)")
    String activation;

    @Option(names = "--train-attack", paramLabel = "SPEC",
            description = "training attack spec; --steps sets its 'steps' (default: the grid's default training attack)")
    String trainAttackSpec;

    @Option(names = "--attack", paramLabel = "SPEC", description = "time this attack on a batch instead of the training step")
    String attack;

    @Option(names = "--size", defaultValue = "32", description = "image height and width (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--channels", defaultValue = "3", description = "image channels (default: ${DEFAULT-VALUE})")
    int channels;

    @Option(names = "--memory-steps", paramLabel = "N",
            description = "instead: train N steps through the real loop and report resident memory and live arrays")
    Integer memorySteps;

    @Option(names = "--print-losses", description = "print each training step's loss (%%.9g; one host read per step, so slower)")
    boolean printLosses;

    @Option(names = "--profile", paramLabel = "FILE",
            description = "write libtorch's operator profile of the timed training steps to FILE (Chrome trace JSON; bench/torch_ops.py sums it)")
    Path profile;

    @Override
    public Integer call() {
        if (batch < 1 || iterations < 1 || warmup < 0 || steps < 0 || size < 8 || channels < 1) {
            throw new SpecException("bench needs --batch >= 1, --iterations >= 1, --warmup >= 0, --steps >= 0, --size >= 8, --channels >= 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        PluginRegistry registry = main.registry();
        Device dev = Devices.resolve(device);
        Plugin<Architecture> modelSpec = registry.model(model);
        GridSpec grid = GridSpec.defaults();
        var act = registry.activation(activation != null ? activation : grid.list("activations").get(0));
        String attackSpec = trainAttackSpec != null ? trainAttackSpec : grid.list("train-attacks").get(0);
        Plugin<Attack> trainAttack = steps == 0 ? null : registry.attack(PluginSpec.parse(attackSpec).with("steps", Integer.toString(steps)).text());
        var strategy = registry.strategy(grid.list("strategies").get(0));
        Recipe recipe = new Recipe(Defaults.NOISE_SIGMA, Defaults.LABEL_SMOOTHING, true, Defaults.CROP_PADDING,
                Defaults.LEARNING_RATE, LrSchedule.FIXED, Defaults.MOMENTUM, Defaults.WEIGHT_DECAY, batch, 1);
        Dataset shape = StepBenchmark.randomData(batch, channels, size, 10, 0);
        out.printf(Locale.ROOT, "engine=%s djl=%s device=%s model=%s activation=%s%n", Engines.describe(), Engines.djlVersion(),
                Devices.label(dev), modelSpec.canonical(), act.canonical());
        if (memorySteps != null) {
            int every = Math.max(1, memorySteps / 10);
            StepBenchmark.MemoryTrace t = StepBenchmark.memory(modelSpec, act.instance(), trainAttack == null ? null : trainAttack.instance(),
                    strategy.instance(), recipe, dev, memorySteps, every);
            for (int i = 0; i < t.steps().size(); i++) {
                out.printf(Locale.ROOT, "step=%d rss_mb=%.1f live_arrays=%d%n", t.steps().get(i), t.residentMb().get(i), t.liveArrays().get(i));
            }
            int first = 0;
            double growth = t.residentMb().get(t.steps().size() - 1) / t.residentMb().get(first) - 1;
            out.printf(Locale.ROOT, "live_arrays_first=%d live_arrays_last=%d%n", t.liveArrays().get(first),
                    t.liveArrays().get(t.steps().size() - 1));
            out.printf(Locale.ROOT, "rss_growth=%.4f%n", growth);
            out.flush();
            return 0;
        }
        StepBenchmark.Timing timing;
        if (attack != null) {
            Plugin<Attack> a = registry.attack(attack);
            out.printf(Locale.ROOT, "attack=%s batch=%d iterations=%d warmup=%d%n", a.canonical(), batch, iterations, warmup);
            timing = StepBenchmark.attack(modelSpec, act.instance(), a.instance(), shape, dev, batch, warmup, iterations);
        } else {
            out.printf(Locale.ROOT, "step=adversarial-training train_attack=%s batch=%d copies=clean+adv+noisy iterations=%d warmup=%d%n",
                    trainAttack == null ? "none" : trainAttack.canonical(), batch, iterations, warmup);
            timing = StepBenchmark.trainingStep(modelSpec, act.instance(), trainAttack == null ? null : trainAttack.instance(),
                    strategy.instance(), recipe, shape, dev, warmup, iterations,
                    printLosses ? (i, loss) -> out.printf(Locale.ROOT, "step=%d loss=%.9g%n", i, loss) : null, profile);
        }
        out.printf(Locale.ROOT, "seconds=%.3f seconds_per_iteration=%.4f%n", timing.seconds(), timing.seconds() / timing.iterations());
        out.printf(Locale.ROOT, "images_per_second=%.1f%n", timing.imagesPerSecond());
        out.flush();
        return 0;
    }
}
