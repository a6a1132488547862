package org.robustgrid.harness.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.robustgrid.harness.plugin.PluginRegistry;
import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.spi.Partitioner;
import org.robustgrid.harness.spi.PartitionerProvider;
import org.robustgrid.harness.spi.PluginKind;
import org.robustgrid.harness.spi.SpecException;

/**
 * The contract every partitioner keeps, for plugin authors to extend with a one-line subclass:
 * {@code class IidContractTest extends PartitionerContractTest { IidContractTest() { super(new
 * IidProvider()); } }}. The split under test comes from the provider's defaults, on 1000 shuffled
 * labels of 10 balanced classes, for 10 clients.
 */
public abstract class PartitionerContractTest {

    /** Examples in the standard test set. */
    protected static final int EXAMPLES = 1000;
    /** Classes in the standard test set. */
    protected static final int CLASSES = 10;
    /** Clients the standard test set is split for. */
    protected static final int CLIENTS = 10;

    private final PartitionerProvider provider;

    /** @param provider the provider under test */
    protected PartitionerContractTest(PartitionerProvider provider) {
        this.provider = provider;
    }

    /** True when the split depends on the seed; a deterministic partitioner overrides with false. */
    protected boolean random() {
        return true;
    }

    /** The provider under test. */
    protected PartitionerProvider provider() {
        return provider;
    }

    /** The partitioner with default parameters. */
    protected Partitioner partitioner() {
        return provider.create(Params.defaults(provider));
    }

    /** {@code n} labels, {@code n / classes} of each class, in an order shuffled by {@code seed}. */
    public static int[] balancedLabels(int n, int classes, long seed) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
        }
        Random r = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = labels[i];
            labels[i] = labels[j];
            labels[j] = t;
        }
        return labels;
    }

    /** Fails unless the split is disjoint, covers {@code 0..n-1} and has {@code clients} non-empty clients. */
    public static void assertPartition(List<int[]> split, int n, int clients) {
        assertNotNull(split, "split");
        assertEquals(clients, split.size(), "number of clients");
        int[] seen = new int[n];
        for (int i = 0; i < split.size(); i++) {
            int[] client = split.get(i);
            assertTrue(client.length > 0, "client " + i + " is empty");
            for (int index : client) {
                assertTrue(index >= 0 && index < n, "client " + i + " holds index " + index + " outside [0, " + n + ")");
                seen[index]++;
            }
        }
        for (int index = 0; index < n; index++) {
            assertEquals(1, seen[index], "index " + index + " is held by " + seen[index] + " clients");
        }
    }

    @Test
    void idAndDescriptionAreWellFormed() {
        Declarations.assertWellFormed(provider);
    }

    @Test
    void splitIsDisjointCoversAndLeavesNoClientEmpty() {
        assertPartition(partitioner().split(balancedLabels(EXAMPLES, CLASSES, 7), CLASSES, CLIENTS, 42), EXAMPLES, CLIENTS);
    }

    @Test
    void splitIsAPartitionWhenSomeClassesAreAbsentOrRare() {
        int[] labels = new int[EXAMPLES];
        for (int i = 0; i < EXAMPLES; i++) {
            labels[i] = i < 5 ? 9 : i % 5; // classes 5..8 absent, class 9 has five examples
        }
        assertPartition(partitioner().split(labels, CLASSES, CLIENTS, 3), EXAMPLES, CLIENTS);
    }

    @Test
    void oneClientGetsEverything() {
        assertPartition(partitioner().split(balancedLabels(100, CLASSES, 1), CLASSES, 1, 5), 100, 1);
    }

    @Test
    void sameSeedGivesTheSameSplit() {
        int[] labels = balancedLabels(EXAMPLES, CLASSES, 7);
        List<int[]> a = partitioner().split(labels, CLASSES, CLIENTS, 42);
        List<int[]> b = partitioner().split(labels.clone(), CLASSES, CLIENTS, 42);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i), "client " + i);
        }
    }

    @Test
    void differentSeedsGiveDifferentSplits() {
        if (!random()) {
            return;
        }
        int[] labels = balancedLabels(EXAMPLES, CLASSES, 7);
        List<int[]> a = partitioner().split(labels, CLASSES, CLIENTS, 1);
        List<int[]> b = partitioner().split(labels, CLASSES, CLIENTS, 2);
        boolean differ = false;
        for (int i = 0; i < a.size(); i++) {
            differ |= !Arrays.equals(a.get(i), b.get(i));
        }
        assertTrue(differ, "seeds 1 and 2 gave the same split");
    }

    @Test
    void splitDoesNotModifyTheLabels() {
        int[] labels = balancedLabels(EXAMPLES, CLASSES, 7);
        int[] copy = labels.clone();
        partitioner().split(labels, CLASSES, CLIENTS, 42);
        assertArrayEquals(copy, labels);
    }

    @Test
    void moreClientsThanExamplesIsRejectedInOneLine() {
        SpecException e = assertThrows(SpecException.class,
                () -> partitioner().split(balancedLabels(5, 5, 1), 5, 6, 1));
        assertFalse(e.getMessage().contains("\n"), "message is more than one line: " + e.getMessage());
    }

    @Test
    void labelOutsideTheClassesIsRejected() {
        int[] labels = balancedLabels(100, CLASSES, 1);
        labels[17] = CLASSES;
        assertThrows(SpecException.class, () -> partitioner().split(labels, CLASSES, 2, 1));
    }

    @Test
    void unknownParameterIsRejected() {
        PluginRegistry registry = PluginRegistry.of(List.of(provider));
        SpecException e = assertThrows(SpecException.class,
                () -> registry.create(PluginKind.PARTITIONER, provider.id() + "(no-such-key=1)"));
        assertTrue(e.getMessage().contains("no-such-key"), e.getMessage());
    }

    @Test
    void defaultsResolveAndCreate() {
        assertNotNull(registryCreate(provider.id()));
    }

    private Partitioner registryCreate(String spec) {
        return PluginRegistry.of(List.of(provider)).partitioner(spec).instance();
    }
}
