package org.robustgrid.harness.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {

    static final int SIDE = 28;
    static final int PIXELS = SIDE * SIDE;

    @TempDir
    Path dir;

    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Writes the four files for {@code train} and {@code test} images with labels {@code i % 10}. */
    static void writeSet(Path dir, int train, int test, String suffix, long seed) throws IOException {
        IdxFiles.write(dir, "train-images-idx3-ubyte" + suffix,
                IdxFiles.images(2051, train, SIDE, SIDE, randomBytes(train * PIXELS, seed)));
        IdxFiles.write(dir, "train-labels-idx1-ubyte" + suffix, IdxFiles.labels(2049, cyclicLabels(train)));
        IdxFiles.write(dir, "t10k-images-idx3-ubyte" + suffix,
                IdxFiles.images(2051, test, SIDE, SIDE, randomBytes(test * PIXELS, seed + 1)));
        IdxFiles.write(dir, "t10k-labels-idx1-ubyte" + suffix, IdxFiles.labels(2049, cyclicLabels(test)));
    }

    static byte[] cyclicLabels(int n) {
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 10);
        }
        return labels;
    }

    @Test
    void plainImagesReadBackExactly() throws IOException {
        byte[] pixels = randomBytes(3 * 4 * 5, 7);
        Path f = IdxFiles.write(dir, "x-idx3-ubyte", IdxFiles.images(2051, 3, 4, 5, pixels));
        Idx.Images images = Idx.readImages(f);
        assertEquals(3, images.count());
        assertEquals(4, images.rows());
        assertEquals(5, images.cols());
        assertArrayEquals(pixels, images.pixels());
    }

    @Test
    void gzipImagesAndLabelsReadBackExactly() throws IOException {
        byte[] pixels = randomBytes(7 * PIXELS, 8);
        Idx.Images images = Idx.readImages(IdxFiles.write(dir, "x-idx3-ubyte.gz", IdxFiles.images(2051, 7, SIDE, SIDE, pixels)));
        assertArrayEquals(pixels, images.pixels());
        byte[] labels = {9, 0, 3, (byte) 200};
        assertArrayEquals(labels, Idx.readLabels(IdxFiles.write(dir, "y-idx1-ubyte.gz", IdxFiles.labels(2049, labels))));
    }

    @Test
    void loadsAllFourGzipFilesFromDataDir() throws IOException {
        writeSet(dir, 12, 5, ".gz", 3);
        DataSplit split = Datasets.load(new DataOptions("fashion-mnist", dir, false, null, 0, 0, 0));
        assertEquals(12, split.train().size());
        assertEquals(5, split.test().size());
        assertEquals(1, split.train().channels());
        assertEquals(28, split.train().height());
        assertEquals("Ankle boot", split.train().classNames().get(9));
        assertArrayEquals(randomBytes(12 * PIXELS, 3), split.train().pixels());
        assertArrayEquals(randomBytes(5 * PIXELS, 4), split.test().pixels());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, split.test().labels());
        assertArrayEquals(new float[] {FashionMnist.MEAN}, split.train().mean());
    }

    @Test
    void aNestedFashionMnistFolderIsFound() throws IOException {
        Path nested = Files.createDirectory(dir.resolve("fashion-mnist"));
        writeSet(nested, 3, 2, "", 5);
        assertEquals(3, Datasets.load(new DataOptions("fashion-mnist", dir, false, null, 0, 0, 0)).train().size());
    }

    @Test
    void thePlainFileWinsOverTheGzipOne() throws IOException {
        writeSet(dir, 4, 2, ".gz", 1);
        byte[] plain = randomBytes(4 * PIXELS, 99);
        IdxFiles.write(dir, "train-images-idx3-ubyte", IdxFiles.images(2051, 4, SIDE, SIDE, plain));
        assertArrayEquals(plain, FashionMnist.load(dir).train().pixels());
    }

    @Test
    void truncatedPlainFileNamesFileExpectedAndActualSize() throws IOException {
        byte[] whole = IdxFiles.images(2051, 5, SIDE, SIDE, randomBytes(5 * PIXELS, 1));
        Path f = Files.write(dir.resolve("train-images-idx3-ubyte"), Arrays.copyOf(whole, 1000));
        DataException e = assertThrows(DataException.class, () -> Idx.readImages(f));
        // 16-byte header + 5 * 28 * 28 pixel bytes
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("is 1000 bytes, expected 3936"), e.getMessage());
        assertTrue(e.getMessage().contains("5x28x28"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void plainFileWithExtraBytesIsRejectedToo() throws IOException {
        byte[] whole = IdxFiles.labels(2049, new byte[] {1, 2, 3});
        Path f = Files.write(dir.resolve("l-idx1-ubyte"), Arrays.copyOf(whole, whole.length + 2));
        DataException e = assertThrows(DataException.class, () -> Idx.readLabels(f));
        assertTrue(e.getMessage().contains("is 13 bytes, expected 11"), e.getMessage());
    }

    @Test
    void truncatedGzipNamesDecodedAndExpectedBytes() throws IOException {
        // random pixels do not compress, so half the .gz decodes to about half the data
        byte[] gz = IdxFiles.gzip(IdxFiles.images(2051, 5, SIDE, SIDE, randomBytes(5 * PIXELS, 2)));
        Path f = Files.write(dir.resolve("train-images-idx3-ubyte.gz"), Arrays.copyOf(gz, gz.length / 2));
        DataException e = assertThrows(DataException.class, () -> Idx.readImages(f));
        Matcher m = Pattern.compile("ends after (\\d+) decoded bytes, expected 3936").matcher(e.getMessage());
        assertTrue(m.find(), e.getMessage());
        int decoded = Integer.parseInt(m.group(1));
        assertTrue(decoded >= 16 && decoded < 3936, e.getMessage());
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }

    @Test
    void gzipCutInsideItsHeaderIsReported() throws IOException {
        byte[] gz = IdxFiles.gzip(IdxFiles.labels(2049, new byte[] {1}));
        Path f = Files.write(dir.resolve("l-idx1-ubyte.gz"), Arrays.copyOf(gz, 5));
        DataException e = assertThrows(DataException.class, () -> Idx.readLabels(f));
        assertTrue(e.getMessage().contains(f + " ends after 0 decoded bytes"), e.getMessage());
    }

    @Test
    void badMagicNamesFileFoundAndExpected() throws IOException {
        // a labels file where images are expected
        Path f = IdxFiles.write(dir, "train-images-idx3-ubyte", IdxFiles.labels(2049, new byte[20]));
        DataException e = assertThrows(DataException.class, () -> Idx.readImages(f));
        assertTrue(e.getMessage().contains(f + " has magic number 2049, expected 2051"), e.getMessage());
    }

    @Test
    void labelCountMustMatchImageCount() throws IOException {
        writeSet(dir, 6, 2, "", 1);
        IdxFiles.write(dir, "train-labels-idx1-ubyte", IdxFiles.labels(2049, cyclicLabels(5)));
        DataException e = assertThrows(DataException.class, () -> FashionMnist.load(dir));
        assertTrue(e.getMessage().contains("holds 5 labels but"), e.getMessage());
        assertTrue(e.getMessage().contains("holds 6 images"), e.getMessage());
    }

    @Test
    void imagesMustBe28By28() throws IOException {
        writeSet(dir, 2, 2, "", 1);
        IdxFiles.write(dir, "t10k-images-idx3-ubyte", IdxFiles.images(2051, 2, 5, 5, new byte[50]));
        DataException e = assertThrows(DataException.class, () -> FashionMnist.load(dir));
        assertTrue(e.getMessage().contains("holds 5x5 images, expected 28x28"), e.getMessage());
    }

    @Test
    void labelsAboveNineAreRejected() throws IOException {
        writeSet(dir, 2, 2, "", 1);
        IdxFiles.write(dir, "t10k-labels-idx1-ubyte", IdxFiles.labels(2049, new byte[] {3, 10}));
        DataException e = assertThrows(DataException.class, () -> FashionMnist.load(dir));
        assertTrue(e.getMessage().contains("has label 10 at index 1, expected 0..9"), e.getMessage());
    }

    @Test
    void missingFilesSayWhereAndHow() {
        DataException e = assertThrows(DataException.class, () -> FashionMnist.load(dir));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte"), e.getMessage());
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("dataset-fashion-mnist"), e.getMessage());
    }
}
