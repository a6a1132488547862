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
            return () -> new LambdaBlock(l -> {
                ai.djl.ndarray.NDArray x = l.singletonOrThrow();
                return new NDList(ai.djl.nn.Activation.softPlus(x).sub(Scalars.of(x, Math.log(2)))); // a constant that outlives the step
            }, "softplus-centered");
        }
    }
    /** relu(x) + ln 2: ReLU with Softplus's value at 0. */
    public static final class ReluRaised implements ActivationProvider {
        public String id() { return "relu-raised"; }
        public String description() { return "relu(x) + ln 2"; }
        public Activation create(Params p) {
            return () -> new LambdaBlock(l -> {
                ai.djl.ndarray.NDArray x = l.singletonOrThrow();
                return new NDList(ai.djl.nn.Activation.relu(x).add(Scalars.of(x, Math.log(2))));
            }, "relu-raised");
        }
    }
}
