import ai.djl.Device;
import ai.djl.ndarray.*;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import org.robustgrid.harness.data.*;
import org.robustgrid.harness.engine.Engines;
import org.robustgrid.harness.model.Network;
import org.robustgrid.harness.plugin.PluginRegistry;

public class InitProbe {
    public static void main(String[] a) {
        PluginRegistry reg = PluginRegistry.discover(Path.of("plugins"));
        DataSplit data = Datasets.load(new DataOptions("fashion-mnist", null, false, null, 10000, 0, 0));
        Dataset train = data.train();
        int n = 512;
        for (String act : a) {
            double stdSum = 0, lossSum = 0, meanSum = 0; int seeds = 5;
            for (int s = 0; s < seeds; s++) {
                Engines.seed(s);
                try (Network net = Network.create("small-cnn(width=16)", reg.activation(act).instance(), train, Device.cpu());
                     NDManager m = NDManager.newBaseManager()) {
                    byte[] px = java.util.Arrays.copyOf(train.pixels(), n * 28 * 28);
                    float[] f = new float[px.length];
                    for (int i = 0; i < f.length; i++) f[i] = (px[i] & 0xff) / 255f;
                    NDArray x = m.create(f, new Shape(n, 1, 28, 28));
                    int[] lab = java.util.Arrays.copyOf(train.labels(), n);
                    NDArray z = net.classifier().logits(x);
                    NDArray y = m.create(lab).toType(ai.djl.ndarray.types.DataType.INT64, false);
                    NDArray logp = z.logSoftmax(1);
                    double loss = -logp.get(new ai.djl.ndarray.index.NDIndex().addAllDim().addPickDim(y.reshape(n, 1))).mean().getFloat();
                    stdSum += Math.sqrt(z.sub(z.mean()).square().mean().getFloat()); meanSum += z.mean(new int[]{0}).abs().mean().getFloat(); lossSum += loss;
                }
            }
            System.out.printf("%-12s logits std %.3f  |mean logit per class| %.3f  initial CE %.3f  (mean of %d inits, %d train images)%n",
                act, stdSum / seeds, meanSum / seeds, lossSum / seeds, seeds, n);
        }
    }
}
