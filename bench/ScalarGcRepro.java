import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

/**
 * The smallest reproduction of the wrong gradients behind "the NaN of bench" (docs/performance.md): in
 * DJL 0.36's PyTorch engine, {@code x.mul(2f)} multiplies by a temporary scalar tensor that borrows the
 * memory of a Java direct buffer; the temporary is closed at once, libtorch's autograd keeps the tensor
 * for the backward pass, and a garbage collection in between frees the memory it reads. d(2x)/dx must
 * be 2 everywhere.
 *
 *   java -cp "harness/target/lib/*" bench/ScalarGcRepro.java [runs]
 *
 * Prints how many of the runs gave a wrong gradient with a plain-number scalar, and with
 * org.robustgrid.harness.spi.Scalars' way (a scalar array that owns its memory). Exit code 1 when the
 * second is ever wrong.
 */
public class ScalarGcRepro {
    public static void main(String[] args) {
        System.setProperty("ai.djl.offline", "true");
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int wrongPlain = 0;
        int wrongOwned = 0;
        for (int i = 0; i < runs; i++) {
            wrongPlain += twice(false) ? 0 : 1;
            wrongOwned += twice(true) ? 0 : 1;
        }
        System.out.printf("x.mul(2f): %d of %d gradients wrong; x.mul(full(2)): %d of %d wrong%n", wrongPlain, runs, wrongOwned, runs);
        System.exit(wrongOwned == 0 ? 0 : 1);
    }

    /** Whether d(2x)/dx came out as 2 with a garbage collection between forward and backward. */
    private static boolean twice(boolean owned) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {-1f, 0.5f, 3f});
            x.setRequiresGradient(true);
            try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                NDArray y = owned ? x.mul(m.full(new Shape(), 2f, x.getDataType(), x.getDevice())) : x.mul(2f);
                System.gc();
                for (int k = 0; k < 64; k++) {
                    java.nio.ByteBuffer.allocateDirect(4).putFloat(0, 1f); // take the freed memory, as the next operations would
                }
                c.backward(y.sum());
            }
            for (float g : x.getGradient().toFloatArray()) {
                if (g != 2f) {
                    return false;
                }
            }
            return true;
        }
    }
}
