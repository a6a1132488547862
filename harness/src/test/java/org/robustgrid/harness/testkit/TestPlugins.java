package org.robustgrid.harness.testkit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDArrays;
import ai.djl.nn.LambdaBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.robustgrid.harness.data.Dataset;
import org.robustgrid.harness.spi.Activation;
import org.robustgrid.harness.spi.ActivationProvider;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.AttackProvider;
import org.robustgrid.harness.spi.Budget;
import org.robustgrid.harness.spi.ClientUpdate;
import org.robustgrid.harness.spi.Losses;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.spi.Partitioner;
import org.robustgrid.harness.spi.PartitionerProvider;
import org.robustgrid.harness.spi.Strategy;
import org.robustgrid.harness.spi.StrategyProvider;

/**
 * Minimal plugins for tests of the harness itself, which cannot depend on the plugin modules:
 * register them by hand with {@code PluginRegistry.of(TestPlugins.all())}.
 */
public final class TestPlugins {

    private TestPlugins() {}

    /** ReLU as an activation. */
    public static Activation relu() {
        return () -> new LambdaBlock(list -> new NDList(ai.djl.nn.Activation.relu(list.singletonOrThrow())), "relu");
    }

    /** One provider of each kind: relu, fgsm(eps), iid, centralized and fedavg. */
    public static List<? extends org.robustgrid.harness.spi.PluginProvider<?>> all() {
        return List.of(new Relu(), new Fgsm(), new Iid(), new Centralized(), new FedAvg());
    }

    /** relu. */
    public static final class Relu implements ActivationProvider {
        @Override public String id() { return "relu"; }
        @Override public String description() { return "max(0, x)"; }
        @Override public Activation create(Params params) { return relu(); }
    }

    /** log: NaN for negative inputs, for tests of diverging training. */
    public static final class LogActivation implements ActivationProvider {
        @Override public String id() { return "log"; }
        @Override public String description() { return "log(x), NaN below 0"; }
        @Override public Activation create(Params params) {
            return () -> new LambdaBlock(list -> new NDList(list.singletonOrThrow().log()), "log");
        }
    }

    /** fgsm(eps): x + eps·sign(∇x CE), clipped to [0,1]. */
    public static final class Fgsm implements AttackProvider {
        @Override public String id() { return "fgsm"; }
        @Override public String description() { return "fast gradient sign method"; }
        @Override public List<ParamSpec> parameters() {
            return List.of(ParamSpec.real("eps", 8 / 255.0, 0, 1, "L-infinity radius"));
        }
        @Override public Attack create(Params params) {
            double eps = params.real("eps");
            return new Attack() {
                @Override public NDArray perturb(org.robustgrid.harness.spi.Classifier model, NDArray x, NDArray y) {
                    NDArray g = model.gradient(x, (xt, logits) -> Losses.crossEntropy(logits, y)).grad();
                    return x.add(g.sign().mul(eps)).clip(0f, 1f);
                }
                @Override public Optional<Budget> budget() { return Optional.of(new Budget(Budget.Norm.LINF, eps)); }
            };
        }
    }

    /** iid: round-robin over a fixed order (deterministic, disjoint, covering). */
    public static final class Iid implements PartitionerProvider {
        @Override public String id() { return "iid"; }
        @Override public String description() { return "round-robin split"; }
        @Override public Partitioner create(Params params) {
            return (labels, numClasses, clients, seed) -> {
                List<List<Integer>> parts = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    parts.add(new ArrayList<>());
                }
                for (int i = 0; i < labels.length; i++) {
                    parts.get(i % clients).add(i);
                }
                return parts.stream().map(p -> p.stream().mapToInt(Integer::intValue).toArray()).toList();
            };
        }
    }

    /** centralized. */
    public static final class Centralized implements StrategyProvider {
        @Override public String id() { return "centralized"; }
        @Override public String description() { return "one client, no rounds"; }
        @Override public Strategy create(Params params) {
            return new Strategy() {
                @Override public boolean federated() { return false; }
                @Override public List<NDArray> aggregate(List<ClientUpdate> updates) { return updates.get(0).state(); }
            };
        }
    }

    /** fedavg: example-weighted mean of client states. */
    public static final class FedAvg implements StrategyProvider {
        @Override public String id() { return "fedavg"; }
        @Override public String description() { return "weighted mean"; }
        @Override public Strategy create(Params params) {
            return new Strategy() {
                @Override public boolean federated() { return true; }
                @Override public List<NDArray> aggregate(List<ClientUpdate> updates) {
                    double total = updates.stream().mapToLong(ClientUpdate::examples).sum();
                    List<NDArray> out = new ArrayList<>();
                    NDManager m = updates.get(0).state().get(0).getManager();
                    for (int i = 0; i < updates.get(0).state().size(); i++) {
                        NDList parts = new NDList();
                        for (ClientUpdate u : updates) {
                            parts.add(u.state().get(i).mul(u.examples() / total));
                        }
                        NDArray sum = NDArrays.add(parts.toArray(new NDArray[0]));
                        sum.attach(m);
                        out.add(sum);
                    }
                    return out;
                }
            };
        }
    }

    /**
     * A learnable toy data set: class k images are bright in the k-th horizontal band, plus noise.
     */
    public static Dataset bands(int n, int classes, int size, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        byte[] px = new byte[n * size * size];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int k = i % classes;
            labels[i] = k;
            for (int row = 0; row < size; row++) {
                boolean on = row * classes / size == k;
                for (int col = 0; col < size; col++) {
                    int v = (on ? 180 : 40) + r.nextInt(60);
                    px[i * size * size + row * size + col] = (byte) v;
                }
            }
        }
        List<String> names = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            names.add("class" + k);
        }
        return new Dataset("bands", 1, size, size, names, px, labels, new float[] {0.5f}, new float[] {0.25f});
    }
}
