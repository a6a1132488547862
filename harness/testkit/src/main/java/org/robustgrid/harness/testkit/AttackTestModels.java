package org.robustgrid.harness.testkit;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Random;
import org.robustgrid.harness.engine.NetworkClassifier;
import org.robustgrid.harness.model.Models;
import org.robustgrid.harness.spi.Activation;
import org.robustgrid.harness.spi.Architecture;
import org.robustgrid.harness.spi.Classifier;
import org.robustgrid.harness.spi.Losses;
import org.robustgrid.harness.spi.Seeding;

/**
 * Tiny classifiers for attack tests: a linear softmax model whose weights the test knows (for closed
 * forms), a random small CNN, and a small CNN trained in seconds on easy synthetic data. Every array
 * belongs to the manager passed in; the caller closes it.
 */
public final class AttackTestModels {

    private AttackTestModels() {}

    /**
     * A linear classifier {@code logits = W·flatten(x) + b}, a DJL {@link Linear} after a flatten.
     *
     * @param classifier the model as attacks see it
     * @param w the weights, {@code w[k][i]} for class k and pixel i (row-major over C, H, W)
     * @param b the biases, one per class
     */
    public record LinearModel(Classifier classifier, float[][] w, float[] b) {

        /** Logits of one flattened image, in double, computed here without DJL. */
        public double[] logits(float[] image) {
            double[] z = new double[w.length];
            for (int k = 0; k < w.length; k++) {
                double s = b[k];
                for (int i = 0; i < image.length; i++) {
                    s += (double) w[k][i] * image[i];
                }
                z[k] = s;
            }
            return z;
        }

        /**
         * The exact L2 distance from an image to the region where some class k ≠ y scores at least as
         * high as y: {@code min_k (z_y − z_k) / ‖w_k − w_y‖₂}, negative when y is not the top class.
         */
        public double boundaryDistance(float[] image, int y) {
            double[] z = logits(image);
            double best = Double.POSITIVE_INFINITY;
            for (int k = 0; k < w.length; k++) {
                if (k == y) {
                    continue;
                }
                double norm = 0;
                for (int i = 0; i < image.length; i++) {
                    double d = (double) w[k][i] - w[y][i];
                    norm += d * d;
                }
                best = Math.min(best, (z[y] - z[k]) / Math.sqrt(norm));
            }
            return best;
        }
    }

    /**
     * A linear model with weights drawn from N(0, scale²) and biases from N(0, (scale/4)²) by a Java
     * generator, so a test can recompute everything.
     *
     * @param m the manager that owns the parameters
     * @param inputShape the shape of one batch of images, e.g. (N, 1, 8, 8); only C, H, W matter
     * @param classes number of classes
     * @param scale standard deviation of the weights
     * @param seed seed of the Java generator
     */
    public static LinearModel linear(NDManager m, Shape inputShape, int classes, double scale, long seed) {
        int pixels = (int) (inputShape.size() / inputShape.get(0));
        Random random = new Random(seed);
        float[][] w = new float[classes][pixels];
        float[] b = new float[classes];
        float[] flat = new float[classes * pixels];
        for (int k = 0; k < classes; k++) {
            for (int i = 0; i < pixels; i++) {
                w[k][i] = (float) (random.nextGaussian() * scale);
                flat[k * pixels + i] = w[k][i];
            }
            b[k] = (float) (random.nextGaussian() * scale / 4);
        }
        Linear linear = Linear.builder().setUnits(classes).build();
        Block block = new SequentialBlock().add(Blocks.batchFlattenBlock()).add(linear);
        block.initialize(m, DataType.FLOAT32, inputShape);
        linear.getParameters().get("weight").getArray().set(FloatBuffer.wrap(flat));
        linear.getParameters().get("bias").getArray().set(FloatBuffer.wrap(b));
        return new LinearModel(new NetworkClassifier(block, new ParameterStore(m, false), classes), w, b);
    }

    /**
     * {@code small-cnn(width=4)} with ReLU, normalization mean 0.5 and std 0.25, Xavier weights from
     * the engine seed, and one training backward done so that every weight has a non-zero gradient
     * (which an attack must leave as it is).
     *
     * @param m the manager that owns the parameters
     * @param channels input channels
     * @param size image height and width (at least 8)
     * @param classes number of classes
     * @param seed engine seed for the weights and the warm-up batch
     */
    public static Network randomCnn(NDManager m, int channels, int size, int classes, long seed) {
        Seeding.seed(seed);
        Block block = cnn(channels, classes);
        block.initialize(m, DataType.FLOAT32, new Shape(2, channels, size, size));
        ParameterStore store = new ParameterStore(m, false);
        NDArray x = m.randomUniform(0f, 1f, new Shape(16, channels, size, size));
        NDArray y = m.randomInteger(0, classes, new Shape(16), DataType.INT32);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(Losses.crossEntropy(block.forward(store, new NDList(x), true).singletonOrThrow(), y));
        }
        return new Network(block, new NetworkClassifier(block, store, classes));
    }

    /**
     * A network and the classifier wrapping it.
     *
     * @param block the DJL block, for tests that inspect weights
     * @param classifier the model as attacks see it
     */
    public record Network(Block block, Classifier classifier) {

        /** The trainable parameters, in a stable order. */
        public List<Parameter> weights() {
            return block.getParameters().values().stream().filter(Parameter::requiresGradient).toList();
        }
    }

    /**
     * Easy synthetic data: class k is a fixed random pattern in [0.2, 0.8] plus Gaussian noise,
     * clipped to [0,1].
     *
     * @param x images (n, channels, size, size), float32 in [0,1]
     * @param y labels (n), int32
     */
    public record Data(NDArray x, NDArray y) {}

    /**
     * {@code n} images of {@link Data} from Java generators: the class patterns from {@code task}, the
     * noise from {@code sample}, so a training and a test set share patterns but not images.
     *
     * @param m the manager that owns the arrays
     * @param n number of images, classes in turn
     * @param channels channels
     * @param size height and width
     * @param classes number of classes
     * @param noise standard deviation of the pixel noise
     * @param task seed of the class patterns
     * @param sample seed of the noise
     */
    public static Data synthetic(NDManager m, int n, int channels, int size, int classes, double noise, long task, long sample) {
        Random random = new Random(task);
        int pixels = channels * size * size;
        float[][] patterns = new float[classes][pixels];
        for (float[] p : patterns) {
            for (int i = 0; i < pixels; i++) {
                p[i] = 0.2f + 0.6f * random.nextFloat();
            }
        }
        random = new Random(sample);
        float[] images = new float[n * pixels];
        int[] labels = new int[n];
        for (int j = 0; j < n; j++) {
            labels[j] = j % classes;
            for (int i = 0; i < pixels; i++) {
                double v = patterns[labels[j]][i] + noise * random.nextGaussian();
                images[j * pixels + i] = (float) Math.min(1, Math.max(0, v));
            }
        }
        return new Data(m.create(images, new Shape(n, channels, size, size)), m.create(labels));
    }

    /**
     * {@code small-cnn(width=4)} trained with plain SGD (no momentum) on {@link #synthetic} data;
     * a few hundred steps at most, seconds on a CPU.
     *
     * @param m the manager that owns the parameters
     * @param train the training data
     * @param classes number of classes
     * @param steps SGD steps
     * @param batch batch size
     * @param lr learning rate
     * @param seed engine seed for initialization and batch order
     */
    public static Network trainedCnn(NDManager m, Data train, int classes, int steps, int batch, float lr, long seed) {
        Seeding.seed(seed);
        Shape shape = train.x().getShape();
        Block block = cnn((int) shape.get(1), classes);
        block.initialize(m, DataType.FLOAT32, new Shape(batch, shape.get(1), shape.get(2), shape.get(3)));
        ParameterStore store = new ParameterStore(m, false);
        List<Parameter> weights = block.getParameters().values().stream().filter(Parameter::requiresGradient).toList();
        Random order = new Random(seed);
        int n = (int) shape.get(0);
        for (int s = 0; s < steps; s++) {
            try (NDManager step = m.newSubManager()) {
                long[] idx = new long[batch];
                for (int i = 0; i < batch; i++) {
                    idx[i] = order.nextInt(n);
                }
                NDArray index = step.create(idx);
                NDArray xb = train.x().get(index);
                NDArray yb = train.y().get(index);
                xb.attach(step);
                yb.attach(step);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.backward(Losses.crossEntropy(block.forward(store, new NDList(xb), true).singletonOrThrow(), yb));
                }
                for (Parameter p : weights) {
                    NDArray w = p.getArray();
                    NDArray g = w.getGradient();
                    // w ← w − lr·∇w L, then the gradient is zeroed: DJL's collector accumulates
                    w.subi(g.mul(lr));
                    g.subi(g);
                    g.close();
                }
            }
        }
        return new Network(block, new NetworkClassifier(block, store, classes));
    }

    /** Share of images whose top logit is their label. */
    public static double accuracy(Classifier model, NDArray x, NDArray y) {
        try (NDManager scope = x.getManager().newSubManager()) {
            NDArray xs = x.duplicate();
            xs.attach(scope);
            NDArray ys = y.toType(DataType.INT64, true);
            ys.attach(scope);
            NDArray right = model.logits(xs).argMax(1).eq(ys);
            return right.toType(DataType.FLOAT32, false).mean().getFloat();
        }
    }

    /** The model's predicted classes as int32 labels, attached to {@code x}'s manager. */
    public static NDArray predictions(Classifier model, NDArray x) {
        NDManager home = x.getManager();
        try (NDManager scope = home.newSubManager()) {
            NDArray xs = x.duplicate();
            xs.attach(scope);
            NDArray p = model.logits(xs).argMax(1).toType(DataType.INT32, false);
            p.attach(home);
            return p;
        }
    }

    /**
     * plugins-models' {@code small-cnn(width=4)}, written out here: the kit tests the plugin modules, so
     * it cannot depend on one. conv(4)-BN-act-pool, conv(8)-BN-act-pool, linear(16)-act, linear(classes).
     */
    private static final Architecture SMALL_CNN = (act, input, classes, layers) -> new SequentialBlock()
            .add(conv(4)).add(layers.batchNorm()).add(act.newBlock()).add(Pool.maxPool2dBlock(new Shape(2, 2)))
            .add(conv(8)).add(layers.batchNorm()).add(act.newBlock()).add(Pool.maxPool2dBlock(new Shape(2, 2)))
            .add(Blocks.batchFlattenBlock())
            .add(Linear.builder().setUnits(16).build()).add(act.newBlock())
            .add(Linear.builder().setUnits(classes).build());

    private static Conv2d conv(int filters) {
        return Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(filters).optPadding(new Shape(1, 1)).optBias(false).build();
    }

    private static Block cnn(int channels, int classes) {
        float[] mean = new float[channels];
        float[] std = new float[channels];
        java.util.Arrays.fill(mean, 0.5f);
        java.util.Arrays.fill(std, 0.25f);
        Activation relu = () -> new LambdaBlock(list -> new NDList(ai.djl.nn.Activation.relu(list.singletonOrThrow())), "relu");
        Block block = Models.build(SMALL_CNN, relu, channels, 8, 8, classes, mean, std);
        block.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        return block;
    }
}
