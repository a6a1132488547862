package probe;
import ai.djl.ndarray.NDList;
import ai.djl.nn.LambdaBlock;
import org.robustgrid.harness.spi.*;
public final class Shifted {
    /** softplus(x) - ln 2: Softplus moved to pass through 0, like ReLU's mean-free start. */
    public static final class SoftplusCentered implements ActivationProvider {
        public String id() { return "softplus-centered"; }
        public String description() { return "softplus(x) - ln 2"; }
        public Activation create(Params p) {
            return () -> new LambdaBlock(l -> new NDList(ai.djl.nn.Activation.softPlus(l.singletonOrThrow()).sub((float) Math.log(2))), "softplus-centered");
        }
    }
    /** relu(x) + ln 2: ReLU with Softplus's value at 0. */
    public static final class ReluRaised implements ActivationProvider {
        public String id() { return "relu-raised"; }
        public String description() { return "relu(x) + ln 2"; }
        public Activation create(Params p) {
            return () -> new LambdaBlock(l -> new NDList(ai.djl.nn.Activation.relu(l.singletonOrThrow()).add((float) Math.log(2))), "relu-raised");
        }
    }
}
