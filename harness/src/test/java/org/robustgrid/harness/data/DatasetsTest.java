package org.robustgrid.harness.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.robustgrid.harness.spi.SpecException;

class DatasetsTest {

    @Test
    void idsAreTheThreeDataSets() {
        assertEquals(List.of("cifar10", "fashion-mnist", "synthetic"), Datasets.ids());
    }

    @Test
    void unknownIdNamesTheIdsThatExist() {
        SpecException e = assertThrows(SpecException.class, () -> Datasets.load(DataOptions.of("mnist")));
        assertEquals("unknown dataset 'mnist'; available: cifar10, fashion-mnist, synthetic", e.getMessage());
        SpecException upper = assertThrows(SpecException.class, () -> Datasets.load(DataOptions.of("CIFAR-10")));
        assertEquals("unknown dataset 'CIFAR-10'; available: cifar10, fashion-mnist, synthetic", upper.getMessage());
    }

    @Test
    void realDataSetsTakeNoParameters() {
        SpecException e = assertThrows(SpecException.class, () -> Datasets.load(DataOptions.of("cifar10(size=8)")));
        assertEquals("unknown parameter 'size' for 'cifar10'; it takes no parameters", e.getMessage());
        assertEquals(List.of(), Datasets.parameters("fashion-mnist"));
    }

    @Test
    void canonicalSpecFillsInDefaults() {
        assertEquals(Datasets.canonical("synthetic"), Datasets.canonical("synthetic(size=16, classes=10)"));
        assertEquals("synthetic(channels=3,classes=10,noise=0.2,size=16,test=500,train=2000)",
                Datasets.canonical("synthetic(channels=3)"));
        assertEquals("cifar10", Datasets.canonical("cifar10"));
    }

    @Test
    void negativeLimitsAreRejected() {
        assertThrows(SpecException.class, () -> new DataOptions("synthetic", null, false, null, -1, 0, 0));
    }

    @Test
    void balancedHeadTakesEvenSharesInFileOrder() {
        // quotas by round robin: class 0 two, classes 1 and 2 one each; then the first of each in file order
        assertArrayEquals(new int[] {0, 1, 3, 4}, Datasets.balancedHead(new int[] {0, 0, 0, 1, 2, 2, 1, 0}, 3, 4));
    }

    @Test
    void balancedHeadGivesAScarceClasssShareToTheOthers() {
        // class 0 has one image: it keeps it, class 1 takes the other three
        assertArrayEquals(new int[] {0, 1, 2, 4}, Datasets.balancedHead(new int[] {1, 1, 1, 1, 0, 1}, 2, 4));
    }

    @Test
    void limitsCutBothPartsToBalancedSubsetsOfTheFullSet() {
        DataSplit full = Datasets.load(new DataOptions("synthetic(size=8)", null, false, null, 0, 0, 5));
        DataSplit cut = Datasets.load(new DataOptions("synthetic(size=8)", null, false, null, 25, 10, 5));
        assertEquals(25, cut.train().size());
        assertArrayEquals(new long[] {3, 3, 3, 3, 3, 2, 2, 2, 2, 2}, cut.train().classCounts());
        assertArrayEquals(new long[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, cut.test().classCounts());
        // the kept training images are each class's first ones, in file order
        int[] labels = full.train().labels();
        int[] seen = new int[10];
        int k = 0;
        for (int i = 0; i < labels.length && k < 25; i++) {
            if (seen[labels[i]]++ < (labels[i] < 5 ? 3 : 2)) {
                int n = full.train().imageSize();
                assertArrayEquals(Arrays.copyOfRange(full.train().pixels(), i * n, (i + 1) * n),
                        Arrays.copyOfRange(cut.train().pixels(), k * n, (k + 1) * n), "image " + k);
                k++;
            }
        }
        assertEquals(25, k);
        assertArrayEquals(full.train().mean(), cut.train().mean(), "statistics of the whole training set");
    }

    @Test
    void limitAtOrAboveTheSizeKeepsEverything() {
        Dataset test = Datasets.load(new DataOptions("synthetic(size=8,test=30)", null, false, null, 0, 0, 1)).test();
        assertSame(test, Datasets.limit(test, 30));
        assertSame(test, Datasets.limit(test, 0));
        assertEquals(29, Datasets.limit(test, 29).size());
    }

    @Test
    void dataRootIsTheEnvironmentVariableElseUnderHome() {
        assertEquals(Path.of("/data/rg"), Datasets.dataRoot(Map.of("ROBUSTGRID_DATA", "/data/rg"), "/home/u"));
        assertEquals(Path.of("/home/u/.robustgrid/data"), Datasets.dataRoot(Map.of(), "/home/u"));
        assertEquals(Datasets.dataRoot().resolve("cifar10"), Cifar10.defaultDir());
    }
}
