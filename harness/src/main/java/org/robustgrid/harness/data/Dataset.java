package org.robustgrid.harness.data;

import java.util.List;
import java.util.Objects;

/**
 * Images and labels held on the host as unsigned bytes, NCHW order, one byte per channel value.
 *
 * @param name the data set's id ({@code fashion-mnist}, {@code cifar10}, {@code synthetic})
 * @param channels channels per image (1 or 3)
 * @param height image height in pixels
 * @param width image width in pixels
 * @param classNames one name per class; its size is the number of classes
 * @param pixels {@code size * channels * height * width} values, image after image
 * @param labels one label per image, in {@code [0, classes)}
 * @param mean per-channel mean of the training images on [0,1], for the model's input normalization
 * @param std per-channel standard deviation of the training images on [0,1]
 */
public record Dataset(
        String name, int channels, int height, int width, List<String> classNames, byte[] pixels, int[] labels,
        float[] mean, float[] std) {

    public Dataset {
        Objects.requireNonNull(name);
        classNames = List.copyOf(classNames);
        if ((long) labels.length * channels * height * width != pixels.length) {
            throw new IllegalArgumentException("pixels hold " + pixels.length + " values, expected "
                    + labels.length + " x " + channels + " x " + height + " x " + width);
        }
        if (mean.length != channels || std.length != channels) {
            throw new IllegalArgumentException("mean and std need one value per channel");
        }
    }

    /** Number of images. */
    public int size() {
        return labels.length;
    }

    /** Number of classes. */
    public int numClasses() {
        return classNames.size();
    }

    /** Values per image. */
    public int imageSize() {
        return channels * height * width;
    }

    /** The images at {@code indices}, in that order (copies). */
    public Dataset subset(int[] indices) {
        int n = imageSize();
        byte[] px = new byte[indices.length * n];
        int[] lb = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * n, px, i * n, n);
            lb[i] = labels[indices[i]];
        }
        return new Dataset(name, channels, height, width, classNames, px, lb, mean, std);
    }

    /** Examples per class. */
    public long[] classCounts() {
        long[] counts = new long[numClasses()];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }
}
