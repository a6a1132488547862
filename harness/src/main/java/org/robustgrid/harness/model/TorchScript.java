package org.robustgrid.harness.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.nio.file.Path;
import org.robustgrid.harness.spi.Activation;
import org.robustgrid.harness.spi.Architecture;
import org.robustgrid.harness.spi.Layers;

/**
 * A PyTorch model saved as TorchScript ({@code torch.jit.trace} or {@code torch.jit.script}, then
 * {@code save}): a module taking float32 (N, C, H, W) images in [0,1] and returning (N, classes) logits,
 * any input normalization inside it. It is loaded with its weights ({@link Network#load}) and evaluated as
 * it is: nothing builds or trains it, so the activation and the training settings of a grid do not apply.
 *
 * @param file the TorchScript file
 * @param sha256 the file's SHA-256 (lower-case hex): a changed file is a new model
 */
public record TorchScript(Path file, String sha256) implements Architecture {

    /** The provider's id and the spec's name. */
    public static final String ID = "torchscript";

    @Override
    public Block build(Activation activation, Shape input, int classes, Layers layers) {
        throw new UnsupportedOperationException("a TorchScript model is loaded with its weights (Network.load), not built");
    }
}
