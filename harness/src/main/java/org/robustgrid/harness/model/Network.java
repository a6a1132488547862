package org.robustgrid.harness.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.robustgrid.harness.data.Dataset;
import org.robustgrid.harness.engine.Engines;
import org.robustgrid.harness.engine.MemoryFormats;
import org.robustgrid.harness.engine.NetworkClassifier;
import org.robustgrid.harness.plugin.Plugin;
import org.robustgrid.harness.spi.Activation;
import org.robustgrid.harness.spi.Architecture;

/**
 * A built and initialized network on a device, with its own native memory: the block, its parameter
 * store, and the parameter lists that training, aggregation and checkpoints use.
 */
public final class Network implements AutoCloseable {

    private final NDManager manager;
    private final Block block;
    private final ParameterStore store;
    private final List<Parameter> all;
    private final List<Parameter> trainable;
    private final int numClasses;
    private final Folding folding;
    private final Layouts.Choice layout;
    private final boolean loaded;
    private String warning = "";

    /** System property that turns the folding of {@link #inference} off ({@code false}); on by default. */
    public static final String FOLD_PROPERTY = "robustgrid.fold-batchnorm";

    private Network(NDManager manager, Block block, Folding folding, Layouts.Choice layout, int numClasses, boolean loaded) {
        this.loaded = loaded;
        this.manager = manager;
        this.block = block;
        this.folding = folding;
        this.layout = layout;
        this.store = new ParameterStore(manager, false);
        this.all = new ArrayList<>(block.getParameters().values());
        this.trainable = all.stream().filter(Parameter::requiresGradient).toList();
        this.numClasses = numClasses;
    }

    /**
     * Builds {@code model} for images shaped like {@code data}'s and initializes it from the engine's
     * random generator (seed it first): He-normal weights, BatchNorm scale 1 and shift 0.
     */
    public static Network create(Plugin<Architecture> model, Activation activation, Dataset data, Device device) {
        return create(model, activation, data, device, Layouts.MAX_BATCH);
    }

    /**
     * As above, for training at {@code batchSize} images a step: the activation layout ({@link Layouts}) is
     * chosen for that batch size.
     */
    public static Network create(Plugin<Architecture> model, Activation activation, Dataset data, Device device, int batchSize) {
        NDManager manager = Engines.get().newBaseManager(device);
        try {
            Models.Built built = Models.buildFoldable(model.instance(), activation, data.channels(), data.height(), data.width(),
                    data.numClasses(), data.mean(), data.std());
            Block block = built.block();
            block.setInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.IN, 2),
                    Parameter.Type.WEIGHT);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, data.channels(), data.height(), data.width()));
            Layouts.Choice layout = Layouts.choose(model, data.channels(), data.height(), data.width(), data.numClasses(), batchSize,
                    device);
            return new Network(manager, block, built.folding(), layout, data.numClasses(), false);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Loads a TorchScript model onto {@code device} with its weights, in eval mode, and checks it on two
     * images shaped like {@code data}'s ({@link TorchScriptModule}): a module that does not fit is a
     * {@link org.robustgrid.harness.spi.SpecException} naming what was expected and what was found; one whose
     * logits change between two passes over the same images gets a {@link #warning()}.
     */
    public static Network load(TorchScript model, Dataset data, Device device) {
        NDManager manager = Engines.get().newBaseManager(device);
        try {
            Block block = TorchScriptModule.load(model, manager);
            Network net = new Network(manager, block, new Folding(), new Layouts.Choice(false, ""), data.numClasses(), true);
            net.warning = TorchScriptModule.check(model, net, data);
            return net;
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Why this network's numbers need care (a TorchScript model whose logits are random), or empty. */
    public String warning() {
        return warning;
    }

    public Block block() {
        return block;
    }

    public ParameterStore store() {
        return store;
    }

    public NDManager manager() {
        return manager;
    }

    public Device device() {
        return manager.getDevice();
    }

    public int numClasses() {
        return numClasses;
    }

    /** Parameters with gradients, in model order. */
    public List<Parameter> trainable() {
        return trainable;
    }

    /** Every parameter, BatchNorm running statistics included, in model order. */
    public List<Parameter> parameters() {
        return all;
    }

    /** Number of trainable values. */
    public long trainableCount() {
        return trainable.stream().mapToLong(p -> p.getArray().size()).sum();
    }

    /** The network as attacks see it: inference mode, input gradients only, the block's own forward pass. */
    public NetworkClassifier classifier() {
        if (loaded) {
            return new NetworkClassifier(TorchScriptModule.forward(block), numClasses, trainable);
        }
        return new NetworkClassifier(block, store, numClasses);
    }

    /**
     * The network as attacks and evaluations see it, for the weights as they are now: inference mode,
     * input gradients only, and each BatchNorm that follows a convolution folded into it
     * ({@link FoldedForward}: the same function up to float rounding, without BatchNorm's passes),
     * unless the system property {@value #FOLD_PROPERTY} is {@code false} or the model is a loaded TorchScript
     * module (run as it is). The folded weights belong to {@code owner} and do not follow later updates: take
     * one per training step or per evaluation.
     */
    public NetworkClassifier inference(NDManager owner) {
        if (loaded || !foldingEnabled()) {
            return classifier();
        }
        return new NetworkClassifier(new FoldedForward(block, store, folding, owner, layout.channelsLast()), numClasses, trainable);
    }

    /**
     * How this network computes, for provenance: {@code inference=bn-folded} when {@link #inference} folds,
     * and the activation layout ({@link Layouts}) with how it was chosen; empty when neither applies;
     * {@code model=torchscript} for a loaded TorchScript module.
     */
    public String computeLabel() {
        if (loaded) {
            return "model=torchscript";
        }
        String fold = foldingEnabled() ? "inference=bn-folded" : "";
        return (fold + " " + layout.label()).strip();
    }

    /** What folding this network knows (its BatchNorms' epsilons and residual sums). */
    Folding folding() {
        return folding;
    }

    /** Whether {@link #inference} folds BatchNorm ({@value #FOLD_PROPERTY}, default true). */
    public static boolean foldingEnabled() {
        return !"false".equalsIgnoreCase(System.getProperty(FOLD_PROPERTY, "true").trim());
    }

    /** Logits in training mode (BatchNorm batch statistics, RReLU random slopes), in this network's activation layout. */
    public NDArray forwardTraining(NDArray x) {
        return block.forward(store, new NDList(layout.channelsLast() ? MemoryFormats.channelsLast(x) : x), true).singletonOrThrow();
    }

    /** Copies of every parameter, attached to {@code target}. */
    public List<NDArray> state(NDManager target) {
        List<NDArray> out = new ArrayList<>(all.size());
        for (Parameter p : all) {
            NDArray copy = p.getArray().duplicate();
            copy.attach(target);
            out.add(copy);
        }
        return out;
    }

    /** Overwrites every parameter with {@code state} (same order and shapes as {@link #state}). */
    public void load(List<NDArray> state) {
        if (state.size() != all.size()) {
            throw new IllegalArgumentException("state has " + state.size() + " arrays, the network " + all.size());
        }
        for (int i = 0; i < all.size(); i++) {
            state.get(i).copyTo(all.get(i).getArray());
        }
    }

    /** Writes every parameter in DJL's format; {@link org.robustgrid.harness.checkpoint.CheckpointStore} owns the files. */
    public void write(DataOutputStream out) throws IOException {
        block.saveParameters(out);
        out.flush();
    }

    /** Reads parameters written by {@link #write}. */
    public void read(DataInputStream in) throws IOException {
        try {
            block.loadParameters(manager, in);
        } catch (MalformedModelException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
