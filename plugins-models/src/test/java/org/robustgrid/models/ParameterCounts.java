package org.robustgrid.models;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.ndarray.NDList;
import java.util.List;
import org.robustgrid.harness.spi.Activation;
import org.robustgrid.harness.spi.Architecture;
import org.robustgrid.harness.spi.Layers;

/** The trainable parameters of the reference architectures, counted by hand, and of a built block. */
final class ParameterCounts {

    private ParameterCounts() {}

    /** A bias-free k x k convolution from {@code in} to {@code out} channels and its BatchNorm (scale and shift). */
    static long convBn(long in, long out, long k) {
        return k * k * in * out + 2 * out;
    }

    /** CIFAR ResNet-18: stem, BasicBlocks [2,2,2,2] of widths w..8w (1x1 projections where the shape changes), linear head. */
    static long resnet18(long w, long channels, long classes) {
        long n = convBn(channels, w, 3);
        long in = w;
        for (int stage = 0; stage < 4; stage++) {
            long out = w << stage;
            for (int b = 0; b < 2; b++) {
                n += convBn(in, out, 3) + convBn(out, out, 3) + (in != out ? convBn(in, out, 1) : 0);
                in = out;
            }
        }
        return n + (in + 1) * classes;
    }

    /** A pre-activation block: BN, conv, BN, conv, and a 1x1 projection of the shortcut where the shape changes. */
    static long preActBlock(long in, long out, boolean projection) {
        return 2 * in + 9 * in * out + 2 * out + 9 * out * out + (projection ? in * out : 0);
    }

    /** PreAct ResNet-18: a bias-free stem, pre-activation blocks [2,2,2,2] of widths w..8w, a final BN, a linear head. */
    static long preActResNet18(long w, long channels, long classes) {
        long n = 9 * channels * w;
        long in = w;
        for (int stage = 0; stage < 4; stage++) {
            long out = w << stage;
            for (int b = 0; b < 2; b++) {
                n += preActBlock(in, out, in != out);
                in = out;
            }
        }
        return n + 2 * in + (in + 1) * classes;
    }

    /** WRN-depth-k: a stem of 16, three groups of (depth - 4) / 6 pre-activation blocks of 16k, 32k, 64k, a final BN, a linear head. */
    static long wideResNet(long depth, long k, long channels, long classes) {
        long n = 9 * channels * 16;
        long in = 16;
        for (int group = 0; group < 3; group++) {
            long out = (16L << group) * k;
            for (int b = 0; b < (depth - 4) / 6; b++) {
                n += preActBlock(in, out, in != out);
                in = out;
            }
        }
        return n + 2 * in + (in + 1) * classes;
    }

    /** The small CNN: two conv-BN blocks each halving the image, a hidden linear layer of 4w, a linear head. */
    static long smallCnn(long w, long channels, long size, long classes) {
        long pooled = size / 4;
        return convBn(channels, w, 3) + convBn(w, 2 * w, 3) + (2 * w * pooled * pooled + 1) * 4 * w + (4 * w + 1) * classes;
    }

    /** BatchNorms and sums made with DJL's builders alone, for building an architecture outside the harness. */
    static Layers plainLayers() {
        return new Layers() {
            @Override
            public BatchNorm batchNorm() {
                return BatchNorm.builder().build();
            }

            @Override
            public Block sum(Block main, Block shortcut) {
                return new ParallelBlock(l -> new NDList(l.get(0).singletonOrThrow().add(l.get(1).singletonOrThrow())), List.of(main, shortcut));
            }
        };
    }

    /** The trainable parameters of {@code architecture} built with ReLU on {@code channels x size x size} images. */
    static long built(Architecture architecture, int channels, int size, int classes) {
        Activation relu = () -> new LambdaBlock(l -> new NDList(ai.djl.nn.Activation.relu(l.singletonOrThrow())), "relu");
        Layers layers = plainLayers();
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = architecture.build(relu, new Shape(channels, size, size), classes, layers);
            b.initialize(m, DataType.FLOAT32, new Shape(1, channels, size, size));
            return b.getParameters().values().stream().filter(Parameter::requiresGradient).mapToLong(p -> p.getArray().size()).sum();
        }
    }
}
