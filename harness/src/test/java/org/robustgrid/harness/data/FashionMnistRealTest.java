package org.robustgrid.harness.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real files of Debian's dataset-fashion-mnist package, when installed. */
class FashionMnistRealTest {

    static DataSplit split;

    @BeforeAll
    static void load() {
        assumeTrue(Files.isDirectory(FashionMnist.DEFAULT_DIR), FashionMnist.DEFAULT_DIR + " is absent");
        split = Datasets.load(DataOptions.of("fashion-mnist"));
    }

    @Test
    void holdsSixtyThousandTrainingAndTenThousandTestImages() {
        assertEquals(60_000, split.train().size());
        assertEquals(10_000, split.test().size());
        assertEquals(60_000L * 28 * 28, split.train().pixels().length);
    }

    @Test
    void everyClassHasSixThousandTrainingAndOneThousandTestImages() {
        long[] train = new long[10];
        long[] test = new long[10];
        Arrays.fill(train, 6000);
        Arrays.fill(test, 1000);
        assertArrayEquals(train, split.train().classCounts());
        assertArrayEquals(test, split.test().classCounts());
    }

    @Test
    void meanAndStdConstantsAreTheTrainingSetsOwn() {
        byte[] px = split.train().pixels();
        double sum = 0;
        double squares = 0;
        for (byte b : px) {
            double v = (b & 0xff) / 255.0;
            sum += v;
            squares += v * v;
        }
        double mean = sum / px.length;
        double std = Math.sqrt(squares / px.length - mean * mean);
        assertEquals(mean, FashionMnist.MEAN, 1e-6);
        assertEquals(std, FashionMnist.STD, 1e-6);
    }

    @Test
    void aLimitKeepsAnEvenShareOfEveryClass() {
        long[] train = new long[10];
        Arrays.fill(train, 100);
        assertArrayEquals(train, Datasets.limit(split.train(), 1000).classCounts());
        assertArrayEquals(new long[] {11, 11, 11, 11, 11, 10, 10, 10, 10, 10}, Datasets.limit(split.test(), 105).classCounts());
    }
}
