package org.robustgrid.harness.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import org.robustgrid.harness.files.AtomicFiles;
import org.robustgrid.harness.files.Npz;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A built network's state as PyTorch names it: the names {@code state_dict()} gives a PyTorch module
 * built with the same tree, each {@code SequentialBlock} an {@code nn.Sequential} and each residual sum a
 * module whose two branches are its children {@code 0} and {@code 1} (scripts/pytorch_model.py builds
 * those). A parameter is named by its path of child indices and PyTorch's name for it: a convolution's or
 * linear layer's {@code weight} and {@code bias}; a BatchNorm's {@code weight} (DJL's gamma), {@code bias}
 * (beta), {@code running_mean} and {@code running_var}; the input normalization's constants
 * {@code mean} and {@code std}, shaped (1, C, 1, 1) as PyTorch broadcasts them. So
 * {@code resnet18}'s first convolution is {@code 1.0.weight}: child 1 of the network (the
 * architecture, after the normalization), child 0 of that.
 */
public final class StateDict {

    private static final Map<String, String> PYTORCH = Map.of("gamma", "weight", "beta", "bias", "runningMean", "running_mean",
            "runningVar", "running_var");

    /**
     * One array of the state.
     *
     * @param shape its shape
     * @param values its values, row-major
     */
    public record Tensor(long[] shape, float[] values) {}

    /** The entry of an export that holds its JSON header. */
    public static final String HEADER = "__robustgrid__";

    private StateDict() {}

    /** Every parameter and constant of {@code net}, in the network's order, under PyTorch's names. */
    public static Map<String, Tensor> of(Network net) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        visit(net.block(), "", out);
        return out;
    }

    /**
     * Writes {@code net}'s state to a NumPy {@code .npz} ({@link Npz}), whole or not at all, after a
     * {@code __robustgrid__} entry holding {@code header} (UTF-8 JSON saying how to rebuild the network).
     */
    public static void write(Network net, String header, Path file) {
        Map<String, Tensor> state = of(net);
        AtomicFiles.write(file, stream -> {
            try (Npz npz = new Npz(stream)) {
                npz.text(HEADER, header);
                for (Map.Entry<String, Tensor> e : state.entrySet()) {
                    npz.floats(e.getKey(), e.getValue().shape(), e.getValue().values());
                }
            }
        });
    }

    private static void visit(Block block, String prefix, Map<String, Tensor> out) {
        if (block instanceof Normalize n) {
            long[] perChannel = {1, n.mean().length, 1, 1};
            out.put(prefix + "mean", new Tensor(perChannel, n.mean()));
            out.put(prefix + "std", new Tensor(perChannel, n.std()));
            return;
        }
        for (var p : block.getDirectParameters()) {
            Parameter parameter = p.getValue();
            String name = prefix + PYTORCH.getOrDefault(parameter.getName(), parameter.getName());
            NDArray a = parameter.getArray();
            out.put(name, new Tensor(a.getShape().getShape(), a.toType(DataType.FLOAT32, true).toFloatArray()));
        }
        List<Block> children = block.getChildren().values();
        for (int i = 0; i < children.size(); i++) {
            visit(children.get(i), prefix + i + ".", out);
        }
    }
}
