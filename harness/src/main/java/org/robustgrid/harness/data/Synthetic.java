package org.robustgrid.harness.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.robustgrid.harness.plugin.PluginSpec;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.spi.SpecException;

/**
 * A generated data set for tests: {@code synthetic(channels=1,size=16,classes=10,train=2000,test=500,noise=0.2)}.
 * Each class is a square-wave stripe pattern with its own orientation and period, in every channel,
 * plus Gaussian pixel noise; a small CNN separates the classes within one epoch. Stripes are a
 * texture, so networks that pool globally (ResNet) learn them as well as ones that flatten.
 *
 * <p>The same parameters and seed give the same bytes on every JVM: {@link Random} is specified
 * down to its algorithm. Training and test images come from two streams of the seed, so changing
 * the size of one part leaves the other unchanged.
 */
public final class Synthetic {

    /** The data set's id. */
    public static final String ID = "synthetic";

    /** Pixel level of a stripe's bright half, on [0,1]. */
    static final double BRIGHT = 0.75;
    /** Pixel level of a stripe's dark half, on [0,1]. */
    static final double DARK = 0.25;

    /** The parameters of the spec. */
    public static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.integer("channels", 1, 1, 3, "channels per image; each shows the class pattern with its own noise"),
            ParamSpec.integer("size", 16, 8, 256, "image side in pixels"),
            ParamSpec.integer("classes", 10, 2, 16, "number of classes (4 orientations x 4 stripe periods)"),
            ParamSpec.integer("train", 2000, 1, 1_000_000, "training images, classes as even as possible"),
            ParamSpec.integer("test", 500, 1, 1_000_000, "test images, classes as even as possible"),
            ParamSpec.real("noise", 0.2, 0, 1, "standard deviation of the Gaussian pixel noise, on [0,1] pixels"));

    private Synthetic() {}

    /** Checks a {@code synthetic(...)} spec against {@link #PARAMETERS} and fills in defaults. */
    static Params params(PluginSpec spec) {
        return Params.resolve(ID, PARAMETERS, spec.raw());
    }

    /**
     * Generates both parts.
     *
     * @param p the resolved parameters
     * @param seed the seed; equal seeds give equal bytes
     */
    static DataSplit generate(Params p, long seed) {
        int channels = p.integer("channels");
        int size = p.integer("size");
        int classes = p.integer("classes");
        double noise = p.real("noise");
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add("class-" + c);
        }
        Part train = part(p.integer("train"), channels, size, classes, noise, new Random(stream(seed, 1)));
        Part test = part(p.integer("test"), channels, size, classes, noise, new Random(stream(seed, 2)));
        float[] mean = new float[channels];
        float[] std = new float[channels];
        statistics(train.pixels, channels, size * size, mean, std);
        return new DataSplit(
                new Dataset(ID, channels, size, size, names, train.pixels, train.labels, mean, std),
                new Dataset(ID, channels, size, size, names, test.pixels, test.labels, mean, std));
    }

    /** Whether pixel (row, col) lies in the bright half of class {@code c}'s stripes. */
    static boolean bright(int c, int row, int col) {
        int period = 4 + 2 * (c / 4);
        int u = switch (c % 4) {
            case 0 -> col; // vertical stripes
            case 1 -> row; // horizontal
            case 2 -> row + col; // diagonal
            default -> col - row; // anti-diagonal
        };
        return Math.floorMod(u, period) < period / 2;
    }

    private record Part(byte[] pixels, int[] labels) {}

    private static Part part(int n, int channels, int size, int classes, double noise, Random rnd) {
        long values = (long) n * channels * size * size;
        if (values > Integer.MAX_VALUE - 16) {
            throw new SpecException("synthetic data of " + n + " images of " + channels + "x" + size + "x" + size
                    + " needs " + values + " bytes, more than one array holds; use fewer or smaller images");
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
        }
        for (int i = n - 1; i > 0; i--) { // Fisher-Yates
            int j = rnd.nextInt(i + 1);
            int t = labels[i];
            labels[i] = labels[j];
            labels[j] = t;
        }
        byte[] pixels = new byte[(int) values];
        int at = 0;
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < channels; ch++) {
                for (int r = 0; r < size; r++) {
                    for (int col = 0; col < size; col++) {
                        double level = bright(labels[i], r, col) ? BRIGHT : DARK;
                        double v = noise == 0 ? level : level + noise * rnd.nextGaussian();
                        pixels[at++] = (byte) Math.max(0, Math.min(255, Math.round(255 * v)));
                    }
                }
            }
        }
        return new Part(pixels, labels);
    }

    /** Exact per-channel mean and population standard deviation on [0,1] of NCHW uint8 images. */
    static void statistics(byte[] pixels, int channels, int plane, float[] mean, float[] std) {
        long[] sum = new long[channels];
        long[] squares = new long[channels];
        for (int i = 0; i < pixels.length; i++) {
            int ch = (i / plane) % channels;
            long v = pixels[i] & 0xff;
            sum[ch] += v;
            squares[ch] += v * v;
        }
        double count = (double) pixels.length / channels;
        for (int ch = 0; ch < channels; ch++) {
            double m = sum[ch] / count / 255;
            double var = Math.max(0, squares[ch] / count / (255.0 * 255.0) - m * m);
            mean[ch] = (float) m;
            // a constant channel would divide by zero in the network's normalization
            std[ch] = var > 1e-12 ? (float) Math.sqrt(var) : 1f;
        }
    }

    /** Two different, well-mixed seeds for the two parts (SplitMix64's finalizer). */
    private static long stream(long seed, int part) {
        long z = seed + part * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
