package org.robustgrid.harness.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (Xiao et al. 2017): 60000 training and 10000 test grey images of 28x28 pixels, ten
 * classes of clothing, read from the four IDX files, each plain or gzip-compressed.
 */
public final class FashionMnist {

    /** The data set's id. */
    public static final String ID = "fashion-mnist";

    /** Where Debian's {@code dataset-fashion-mnist} package installs the files (gzip-compressed). */
    public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    /** Class names, by label. */
    public static final List<String> CLASS_NAMES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** Mean of the 60000 training images' pixels on [0,1]: 3431114169 / (47040000 * 255). */
    public static final float MEAN = 0.28604060f;

    /** Population standard deviation of the 60000 training images' pixels on [0,1]. */
    public static final float STD = 0.35302424f;

    /** Image side in pixels. */
    public static final int SIDE = 28;

    static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    private FashionMnist() {}

    /**
     * Loads both parts.
     *
     * @param dataDir a folder holding the four files, or holding a {@code fashion-mnist} folder that
     *     does; null for {@link #DEFAULT_DIR}, or {@code fashion-mnist} under {@link Datasets#dataRoot()}
     *     when only that one holds the files
     * @throws DataException when a file is missing, truncated or corrupt
     */
    static DataSplit load(Path dataDir) {
        Path dir = locate(dataDir);
        return new DataSplit(part(dir, TRAIN_IMAGES, TRAIN_LABELS), part(dir, TEST_IMAGES, TEST_LABELS));
    }

    private static Path locate(Path dataDir) {
        if (dataDir == null) {
            Path own = Datasets.dataRoot().resolve(ID);
            return !holdsFiles(DEFAULT_DIR) && holdsFiles(own) ? own : DEFAULT_DIR;
        }
        Path nested = dataDir.resolve(ID);
        return !holdsFiles(dataDir) && holdsFiles(nested) ? nested : dataDir;
    }

    private static boolean holdsFiles(Path dir) {
        return Files.isRegularFile(dir.resolve(TRAIN_IMAGES)) || Files.isRegularFile(dir.resolve(TRAIN_IMAGES + ".gz"));
    }

    private static Dataset part(Path dir, String imagesName, String labelsName) {
        Path imagesFile = find(dir, imagesName);
        Path labelsFile = find(dir, labelsName);
        Idx.Images images = Idx.readImages(imagesFile);
        byte[] raw = Idx.readLabels(labelsFile);
        if (images.rows() != SIDE || images.cols() != SIDE) {
            throw new DataException(imagesFile + " holds " + images.rows() + "x" + images.cols() + " images, expected "
                    + SIDE + "x" + SIDE);
        }
        if (raw.length != images.count()) {
            throw new DataException(labelsFile + " holds " + raw.length + " labels but " + imagesFile + " holds "
                    + images.count() + " images; expected one label per image");
        }
        int[] labels = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            labels[i] = raw[i] & 0xff;
            if (labels[i] >= CLASS_NAMES.size()) {
                throw new DataException(labelsFile + " has label " + labels[i] + " at index " + i + ", expected 0.."
                        + (CLASS_NAMES.size() - 1));
            }
        }
        return new Dataset(ID, 1, SIDE, SIDE, CLASS_NAMES, images.pixels(), labels, new float[] {MEAN}, new float[] {STD});
    }

    /** The plain file when it exists (no inflating), else the {@code .gz} one. */
    private static Path find(Path dir, String name) {
        Path plain = dir.resolve(name);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        Path gz = dir.resolve(name + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        throw new DataException("Fashion-MNIST file " + name + " (or " + name + ".gz) not found in " + dir
                + "; install Debian's dataset-fashion-mnist package (" + DEFAULT_DIR + "), put the four IDX files in "
                + Datasets.dataRoot().resolve(ID) + ", or pass --data-dir DIR");
    }
}
