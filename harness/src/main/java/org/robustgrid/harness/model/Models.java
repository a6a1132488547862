package org.robustgrid.harness.model;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import java.util.List;
import java.util.Map;
import org.robustgrid.harness.plugin.PluginSpec;
import org.robustgrid.harness.spi.Activation;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.spi.SpecException;

/** Builds a network from a model spec: {@code resnet18}, {@code resnet18(width=32)}, {@code small-cnn}. */
public final class Models {

    /** Model ids and their one-line descriptions. */
    public static final Map<String, String> IDS = Map.of(
            "resnet18", "CIFAR ResNet-18: 3x3 stem, no max-pool, BasicBlocks [2,2,2,2], widths w,2w,4w,8w",
            "small-cnn", "two conv-BN-act blocks with max-pool and a hidden linear layer, for quick runs");

    private static final List<ParamSpec> RESNET_PARAMS =
            List.of(ParamSpec.integer("width", 64, 4, 512, "channels of the first stage (64 in the study)"));
    private static final List<ParamSpec> CNN_PARAMS =
            List.of(ParamSpec.integer("width", 32, 4, 512, "channels of the first convolution"));

    private Models() {}

    /**
     * @param spec the model spec
     * @param activation the nonlinearity, used at every place the network has one
     * @param channels input channels (1 or 3)
     * @param classes number of classes
     * @param mean per-channel input mean, subtracted inside the network so attacks work on [0,1] pixels
     * @param std per-channel input standard deviation
     */
    public static Block build(String spec, Activation activation, int channels, int classes, float[] mean, float[] std) {
        Params params = params(spec);
        Block net = switch (PluginSpec.parse(spec).id()) {
            case "resnet18" -> ResNet18.build(activation, params.integer("width"), classes);
            case "small-cnn" -> SmallCnn.build(activation, params.integer("width"), classes);
            default -> throw new AssertionError(spec);
        };
        return new SequentialBlock().add(new Normalize(mean, std)).add(net);
    }

    /** Checks a model spec and returns its parameters. */
    public static Params params(String spec) {
        PluginSpec parsed = PluginSpec.parse(spec);
        List<ParamSpec> declared = switch (parsed.id()) {
            case "resnet18" -> RESNET_PARAMS;
            case "small-cnn" -> CNN_PARAMS;
            default -> throw new SpecException("unknown model '" + parsed.id() + "'; available: resnet18, small-cnn");
        };
        return Params.resolve(parsed.id(), declared, parsed.raw());
    }

    /** The canonical model spec, with defaults filled in. */
    public static String canonical(String spec) {
        return params(spec).canonical();
    }
}
