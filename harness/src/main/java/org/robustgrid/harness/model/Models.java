package org.robustgrid.harness.model;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.robustgrid.harness.plugin.PluginSpec;
import org.robustgrid.harness.spi.Activation;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.spi.SpecException;

/**
 * The registry of model architectures, looked up by spec like plugins are: {@code resnet18},
 * {@code resnet18(width=32)}, {@code small-cnn}. A new architecture is one more {@link ModelType} in
 * {@link #TYPES}.
 */
public final class Models {

    /** How one architecture is built from its checked parameters. */
    interface Builder {
        Block build(Activation activation, Params params, int classes, Folding folding);
    }

    /**
     * One architecture.
     *
     * @param id the spec id
     * @param description one line for listings
     * @param parameters its declared parameters
     * @param builder builds the network (without the input normalization every model gets)
     */
    record ModelType(String id, String description, List<ParamSpec> parameters, Builder builder) {}

    private static final Map<String, ModelType> TYPES = register(
            new ModelType("resnet18", "CIFAR ResNet-18: 3x3 stem, no max-pool, BasicBlocks [2,2,2,2], widths w,2w,4w,8w",
                    List.of(ParamSpec.integer("width", 64, 4, 512, "channels of the first stage (64 in the study)")),
                    (act, p, classes, folding) -> ResNet18.build(act, p.integer("width"), classes, folding)),
            new ModelType("small-cnn", "two conv-BN-act blocks with max-pool and a hidden linear layer, for quick runs",
                    List.of(ParamSpec.integer("width", 32, 4, 512, "channels of the first convolution")),
                    (act, p, classes, folding) -> SmallCnn.build(act, p.integer("width"), classes, folding)));

    private Models() {}

    private static Map<String, ModelType> register(ModelType... types) {
        Map<String, ModelType> m = new LinkedHashMap<>();
        for (ModelType t : types) {
            if (m.put(t.id(), t) != null) {
                throw new IllegalStateException("two models with id " + t.id());
            }
        }
        return m;
    }

    /** The model ids, in registration order. */
    public static List<String> ids() {
        return List.copyOf(TYPES.keySet());
    }

    /** One line about a model. */
    public static String description(String id) {
        return type(id).description();
    }

    /** The parameters a model takes. */
    public static List<ParamSpec> parameters(String id) {
        return type(id).parameters();
    }

    /**
     * @param spec the model spec
     * @param activation the nonlinearity, used at every place the network has one
     * @param channels input channels (1 or 3)
     * @param classes number of classes
     * @param mean per-channel input mean, subtracted inside the network so attacks work on [0,1] pixels
     * @param std per-channel input standard deviation
     */
    public static Block build(String spec, Activation activation, int channels, int classes, float[] mean, float[] std) {
        return buildFoldable(spec, activation, channels, classes, mean, std).block();
    }

    /** A built network and what folding it for inference needs to know (see {@link FoldedForward}). */
    record Built(Block block, Folding folding) {}

    static Built buildFoldable(String spec, Activation activation, int channels, int classes, float[] mean, float[] std) {
        PluginSpec parsed = PluginSpec.parse(spec);
        ModelType type = type(parsed.id());
        Folding folding = new Folding();
        Block net = type.builder().build(activation, Params.resolve(type.id(), type.parameters(), parsed.raw()), classes, folding);
        return new Built(new SequentialBlock().add(new Normalize(mean, std)).add(net), folding);
    }

    /** Checks a model spec and returns its parameters. */
    public static Params params(String spec) {
        PluginSpec parsed = PluginSpec.parse(spec);
        return Params.resolve(parsed.id(), type(parsed.id()).parameters(), parsed.raw());
    }

    /** The canonical model spec, with defaults filled in. */
    public static String canonical(String spec) {
        return params(spec).canonical();
    }

    private static ModelType type(String id) {
        ModelType t = TYPES.get(id);
        if (t == null) {
            throw new SpecException("unknown model '" + id + "'; available: " + String.join(", ", TYPES.keySet()));
        }
        return t;
    }
}
