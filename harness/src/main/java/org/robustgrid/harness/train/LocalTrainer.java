package org.robustgrid.harness.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import java.util.function.LongToDoubleFunction;
import org.robustgrid.harness.data.Batches;
import org.robustgrid.harness.data.Dataset;
import org.robustgrid.harness.model.Network;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.ClientContext;
import org.robustgrid.harness.spi.Strategy;

/**
 * Runs the recipe's adversarial-training step over one client's data. Every array a step makes
 * belongs to an {@link NDScope} that closes when the step ends, so memory stays flat; the only host
 * read per step is none at all: the loss is summed on the device and read every
 * {@link #LOSS_READ_INTERVAL} steps (and at the end) for logging and the NaN check.
 */
public final class LocalTrainer implements AutoCloseable {

    /** Steps between host reads of the running loss. */
    static final int LOSS_READ_INTERVAL = 20;

    /** Called after every step: steps done so far in this run, and what was read at this step (null when nothing was). */
    public interface StepListener {
        void onStep(long step, int images, Reading reading);
    }

    private final Network net;
    private final Recipe recipe;
    private final Strategy strategy;
    private final Sgd sgd;
    private boolean gradientsExist;

    public LocalTrainer(Network net, Recipe recipe, Strategy strategy) {
        this.net = net;
        this.recipe = recipe;
        this.strategy = strategy;
        // a strategy whose method fixes its own weight decay (CalFAT: 2e-3) overrides the recipe's
        this.sgd = new Sgd(net.trainable(), net.manager(), recipe.momentum(), strategy.weightDecay().orElse(recipe.weightDecay()));
    }

    /**
     * Trains {@code recipe.epochs()} epochs on {@code data}.
     *
     * @param client what the strategy knows about this client
     * @param attack the attack for this client (the strategy's own, or the recipe's), or null
     * @param seed seeds shuffling and augmentation
     * @param learningRate the learning rate of each step of this call, from step 0
     * @return the number of steps taken
     * @throws DivergedException when the loss becomes NaN or infinite
     */
    public long train(Dataset data, ClientContext client, Attack attack, long seed, LongToDoubleFunction learningRate,
            StepListener listener) {
        SplittableRandom random = new SplittableRandom(seed);
        int batch = recipe.batchSize();
        long step = 0;
        NDArray lossSum = net.manager().zeros(new ai.djl.ndarray.types.Shape());
        int sinceRead = 0;
        try {
            for (int epoch = 0; epoch < recipe.epochs(); epoch++) {
                int[] order = Batches.shuffled(data.size(), random);
                for (int from = 0; from < order.length; from += batch) {
                    int to = Math.min(order.length, from + batch);
                    double lr = learningRate.applyAsDouble(step);
                    boolean last = epoch == recipe.epochs() - 1 && to == order.length;
                    boolean read = sinceRead + 1 == LOSS_READ_INTERVAL || last;
                    Reading reading = null;
                    try (NDManager stepManager = net.manager().newSubManager(); NDScope scope = new NDScope()) {
                        scope.suppressNotUsedWarning();
                        Batches.Batch b = Batches.make(stepManager, net.device(), data, order, from, to, recipe.flip(), recipe.cropPadding(),
                                random);
                        Step s = run(stepManager, b.x(), b.y(), client, attack, lr);
                        lossSum.addi(s.loss());
                        if (read) {
                            double mean = lossSum.getFloat() / (sinceRead + 1);
                            if (!Double.isFinite(mean)) {
                                throw new DivergedException("loss became " + mean + " at step " + (step + 1) + " (lr " + lr + ")");
                            }
                            reading = new Reading(mean, accuracy(b.x(), b.y()),
                                    s.adversarial() == null ? Double.NaN : accuracy(s.adversarial(), b.y()));
                        }
                    }
                    step++;
                    sinceRead++;
                    if (read) {
                        lossSum.muli(0);
                        sinceRead = 0;
                    }
                    listener.onStep(step, to - from, reading);
                }
            }
        } finally {
            lossSum.close();
        }
        return step;
    }

    /** Starts a fresh optimizer state (federated rounds). */
    public void resetOptimizer() {
        sgd.reset();
    }

    /** Accuracy of the model in inference mode on a batch (a host read). */
    private double accuracy(NDArray x, NDArray y) {
        return net.classifier().logits(x).argMax(1).toType(y.getDataType(), false).eq(y).toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                .mean().getFloat();
    }

    /** A step's loss, detached, and the adversarial batch it trained on (null without an attack). */
    private record Step(NDArray loss, NDArray adversarial) {}

    /**
     * One adversarial-training step on a batch already on the device: adversarial and noisy copies,
     * soft labels, the strategy's loss, backward, SGD. Call it inside a scope that closes the step's
     * arrays ({@link #train} does).
     *
     * @param m the step's manager: every array the step makes belongs to it
     * @param x clean images (N, C, H, W) in [0,1]
     * @param y labels, int (N)
     * @return the loss, detached, on the device (no host read)
     */
    public NDArray step(NDManager m, NDArray x, NDArray y, ClientContext client, Attack attack, double lr) {
        return run(m, x, y, client, attack, lr).loss();
    }

    private Step run(NDManager m, NDArray x, NDArray y, ClientContext client, Attack attack, double lr) {
        // x_adv from the attack on the model in inference mode; its backward passes leave weight gradients alone.
        NDArray adversarial = attack == null ? null : attack.perturb(net.inference(m), x, y);
        NDArray noisy = recipe.noiseSigma() == 0 ? null
                : x.add(m.randomNormal(0f, (float) recipe.noiseSigma(), x.getShape(), x.getDataType(), x.getDevice())).clip(0f, 1f);
        int k = net.numClasses();
        float alpha = (float) recipe.labelSmoothing();
        // soft label: true class 1 − (K−1)α/K, every other class α/K
        NDArray soft = y.oneHot(k).mul(1f - alpha).add(alpha / k);
        if (gradientsExist) {
            sgd.zeroGradients();
        }
        NDArray loss;
        try (GradientCollector collector = m.getEngine().newGradientCollector()) {
            loss = strategy.localLoss(new StepBatch(net, x, adversarial, noisy, y, soft), client);
            collector.backward(loss);
        }
        gradientsExist = true;
        sgd.step(lr);
        return new Step(loss.stopGradient(), adversarial);
    }

    @Override
    public void close() {
        sgd.close();
    }
}
