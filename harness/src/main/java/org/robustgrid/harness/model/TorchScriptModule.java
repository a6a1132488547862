package org.robustgrid.harness.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.robustgrid.harness.data.Dataset;
import org.robustgrid.harness.spi.SpecException;

/** Loading a TorchScript file, running it for attacks, and what the harness requires of the module before it evaluates it. */
final class TorchScriptModule {

    /** Images of the check: two, so that a module that mixes the batch (batch statistics) shows it. */
    private static final int IMAGES = 2;

    private TorchScriptModule() {}

    /**
     * The module on {@code manager}'s device, in eval mode. Loaded with parameters that track gradients
     * (DJL's option {@code trainParam=true}): DJL's default loads an inference module, whose tensors no
     * backward pass may save, and every attack needs the input gradient. Eval mode is set here, whatever
     * mode the file was saved in, because DJL switches modes only when the training flag of a forward pass
     * changes, and the harness never runs one in training mode.
     */
    static Block load(TorchScript model, NDManager manager) {
        PtSymbolBlock block;
        try {
            block = JniUtils.loadModule((PtNDManager) manager, model.file().toAbsolutePath(), true, new String[0], new String[0], true);
        } catch (RuntimeException e) {
            throw new SpecException("torchscript: '" + model.file() + "' is not a TorchScript file (expected torch.jit.save of a traced or"
                    + " scripted module): " + firstLine(e));
        }
        block.freezeParameters(false);
        JniUtils.enableInferenceMode(block);
        return block;
    }

    /**
     * The module's forward pass in eval mode, with autograd when a gradient collector is open. DJL's own
     * {@code forward(store, x, training=false)} runs the module without autograd (no input gradient for
     * attacks), and {@code training=true} switches the module to training mode (BatchNorm's batch
     * statistics, dropout): this asks for autograd only, and puts the module in eval mode before each pass,
     * whatever ran it before.
     */
    static UnaryOperator<NDArray> forward(Block block) {
        PtSymbolBlock module = (PtSymbolBlock) block;
        return x -> {
            JniUtils.enableInferenceMode(module);
            return IValueUtils.forward(module, new NDList(x), JniUtils.isGradMode()).singletonOrThrow();
        };
    }

    /**
     * Runs the module twice on the same images shaped like {@code data}'s: one tensor of (images, classes)
     * finite logits, else a SpecException saying what was expected and what was found. Returns a warning
     * when the two passes differ (dropout left on in the code, a randomized defence), or empty.
     */
    static String check(TorchScript model, Network net, Dataset data) {
        String what = "torchscript '" + model.file() + "'";
        Shape in = new Shape(IMAGES, data.channels(), data.height(), data.width());
        Shape expected = new Shape(IMAGES, data.numClasses());
        try (NDManager scope = net.manager().newSubManager()) {
            float[] pixels = new float[(int) in.size()];
            SplittableRandom random = new SplittableRandom(0); // not the engine's generator, which seeds the attacks
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (float) random.nextDouble();
            }
            NDArray x = scope.create(pixels, in);
            float[] first = logits(what, net, x, in, expected);
            float[] second = logits(what, net, x, in, expected);
            double change = 0;
            for (int i = 0; i < first.length; i++) {
                if (!Float.isFinite(first[i])) {
                    throw new SpecException(what + " returns non-finite logits (" + first[i] + ") for images in [0,1]; expected finite logits");
                }
                change = Math.max(change, Math.abs(first[i] - second[i]));
            }
            return change == 0 ? "" : String.format(Locale.ROOT, "torchscript model not deterministic: two eval-mode passes over the same"
                    + " images differ by up to %.3g in a logit (dropout in the code, a randomized defence?); its accuracies are of a random"
                    + " function", change);
        }
    }

    private static float[] logits(String what, Network net, NDArray x, Shape in, Shape expected) {
        NDList out;
        try {
            out = net.block().forward(net.store(), new NDList(x), false);
        } catch (RuntimeException e) {
            throw new SpecException(what + " fails on float32 images of shape " + in + " in [0,1], the data set's: " + firstLine(e));
        }
        if (out.size() != 1) {
            throw new SpecException(what + " returns " + out.size() + " tensors; expected one tensor of logits " + expected);
        }
        NDArray logits = out.singletonOrThrow();
        if (!logits.getShape().equals(expected)) {
            throw new SpecException(what + " returns logits of shape " + logits.getShape() + " for " + in + "; expected " + expected
                    + " (" + expected.get(1) + " classes in the data set)");
        }
        return logits.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage()).strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).strip();
    }
}
