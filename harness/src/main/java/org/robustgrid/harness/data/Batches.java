package org.robustgrid.harness.data;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * Turns host images into device batches: shuffling, random horizontal flip and random crop with zero
 * padding are done on the host bytes while copying, so one float32 upload per batch is the only
 * transfer.
 */
public final class Batches {

    private Batches() {}

    /** A batch on the device: images (N, C, H, W) in [0,1] and int labels (N). */
    public record Batch(NDArray x, NDArray y) {}

    /** A permutation of {@code 0..n-1}. */
    public static int[] shuffled(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /**
     * Builds the batch of images {@code order[from..to)}.
     *
     * @param random the augmentation's random source, or null for no augmentation
     */
    public static Batch make(NDManager manager, Device device, Dataset data, int[] order, int from, int to, boolean flip,
            int padding, SplittableRandom random) {
        int n = to - from;
        int c = data.channels();
        int h = data.height();
        int w = data.width();
        int size = data.imageSize();
        float[] out = new float[n * size];
        int[] labels = new int[n];
        byte[] px = data.pixels();
        for (int i = 0; i < n; i++) {
            int src = order[from + i] * size;
            labels[i] = data.labels()[order[from + i]];
            boolean mirror = random != null && flip && random.nextBoolean();
            int dy = random != null && padding > 0 ? random.nextInt(2 * padding + 1) - padding : 0;
            int dx = random != null && padding > 0 ? random.nextInt(2 * padding + 1) - padding : 0;
            int dst = i * size;
            for (int ch = 0; ch < c; ch++) {
                int plane = src + ch * h * w;
                for (int r = 0; r < h; r++) {
                    int sr = r + dy;
                    int row = dst + (ch * h + r) * w;
                    if (sr < 0 || sr >= h) {
                        continue;
                    }
                    for (int col = 0; col < w; col++) {
                        int sc = (mirror ? w - 1 - col : col) + dx;
                        if (sc >= 0 && sc < w) {
                            out[row + col] = (px[plane + sr * w + sc] & 0xff) / 255f;
                        }
                    }
                }
            }
        }
        NDArray x = manager.create(out, new Shape(n, c, h, w)).toDevice(device, false);
        NDArray y = manager.create(labels).toDevice(device, false);
        return new Batch(x, y);
    }
}
