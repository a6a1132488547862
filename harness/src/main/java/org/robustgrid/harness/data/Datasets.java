package org.robustgrid.harness.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.robustgrid.harness.plugin.PluginSpec;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;
import org.robustgrid.harness.spi.SpecException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point of the data step: loads a data set by its spec.
 *
 * <p>Default locations: Fashion-MNIST in {@code /usr/share/datasets/fashion-mnist} (Debian's
 * {@code dataset-fashion-mnist}), else {@code fashion-mnist} under {@link #dataRoot()}; CIFAR-10 in
 * {@code cifar10} under {@link #dataRoot()}, where {@code --download} also puts it.
 *
 * <p>Limits keep a <em>class-balanced first-N</em> subset: classes get shares as even as possible
 * (the first classes take the remainder; a class with too few images gives its share to the others),
 * and each class's share is its first images in file order. The kept images stay in file order. The
 * subset depends on the limit only, never on the seed, so runs with different seeds see the same
 * images; a limit at or above the part's size keeps everything.
 */
public final class Datasets {

    /** Environment variable naming the data root; {@code ~/.robustgrid/data} when unset. */
    public static final String DATA_ENV = "ROBUSTGRID_DATA";

    private static final Logger LOG = LoggerFactory.getLogger(Datasets.class);
    /** How one data set is loaded from its checked parameters. */
    interface Loader {
        DataSplit load(DataOptions options, Params params);
    }

    /**
     * One data set.
     *
     * @param id the spec id
     * @param parameters its declared parameters (most have none)
     * @param loader reads, downloads or generates it
     */
    record DatasetType(String id, List<ParamSpec> parameters, Loader loader) {}

    /** The registry, sorted by id: a new data set is one more entry here. */
    private static final Map<String, DatasetType> TYPES = register(
            new DatasetType(Cifar10.ID, List.of(), (o, p) -> Cifar10.load(o, Cifar10.OFFICIAL_MD5)),
            new DatasetType(FashionMnist.ID, List.of(), (o, p) -> FashionMnist.load(o.dataDir())),
            new DatasetType(Synthetic.ID, Synthetic.PARAMETERS, (o, p) -> Synthetic.generate(p, o.seed())));

    private Datasets() {}

    /** The data set ids, sorted. */
    public static List<String> ids() {
        return List.copyOf(TYPES.keySet());
    }

    private static Map<String, DatasetType> register(DatasetType... types) {
        Map<String, DatasetType> m = new java.util.TreeMap<>();
        for (DatasetType t : types) {
            if (m.put(t.id(), t) != null) {
                throw new IllegalStateException("two data sets with id " + t.id());
            }
        }
        return m;
    }

    private static DatasetType type(String id) {
        DatasetType t = TYPES.get(id);
        if (t == null) {
            throw unknown(id);
        }
        return t;
    }

    /**
     * Loads a data set and applies the limits.
     *
     * @throws SpecException for an unknown id or bad parameters
     * @throws DataException for files that are missing, truncated or corrupt, or a failed download
     */
    public static DataSplit load(DataOptions options) {
        PluginSpec spec = parse(options.id());
        Params params = params(spec);
        long start = System.nanoTime();
        DataSplit full = type(spec.id()).loader().load(options, params);
        DataSplit split = new DataSplit(limit(full.train(), options.trainLimit()), limit(full.test(), options.testLimit()));
        LOG.info("loaded {}: {} training and {} test images in {} ms", params.canonical(), split.train().size(),
                split.test().size(), (System.nanoTime() - start) / 1_000_000);
        return split;
    }

    /** The parameters a data set takes (only {@code synthetic} has any). */
    public static List<ParamSpec> parameters(String id) {
        return type(id).parameters();
    }

    /** The canonical spec, defaults filled in and keys sorted: equal data sets give equal text. */
    public static String canonical(String spec) {
        return params(parse(spec)).canonical();
    }

    /** The root of downloaded data: {@code $ROBUSTGRID_DATA}, else {@code ~/.robustgrid/data}. */
    public static Path dataRoot() {
        return dataRoot(System.getenv(), System.getProperty("user.home"));
    }

    static Path dataRoot(Map<String, String> env, String home) {
        String root = env.get(DATA_ENV);
        return root != null && !root.isBlank() ? Path.of(root) : Path.of(home, ".robustgrid", "data");
    }

    /** {@code part} cut to a class-balanced first-N subset of {@code limit} images; 0 keeps all. */
    public static Dataset limit(Dataset part, int limit) {
        if (limit <= 0 || limit >= part.size()) {
            return part;
        }
        return part.subset(balancedHead(part.labels(), part.numClasses(), limit));
    }

    /** Indices, in file order, of the class-balanced first-N subset of {@code n < labels.length} labels. */
    static int[] balancedHead(int[] labels, int numClasses, int n) {
        long[] available = new long[numClasses];
        for (int label : labels) {
            available[label]++;
        }
        long[] quota = new long[numClasses];
        for (int taken = 0; taken < n; ) { // round robin over the classes that still have images
            for (int c = 0; c < numClasses && taken < n; c++) {
                if (quota[c] < available[c]) {
                    quota[c]++;
                    taken++;
                }
            }
        }
        int[] picked = new int[n];
        int k = 0;
        for (int i = 0; i < labels.length && k < n; i++) {
            if (quota[labels[i]] > 0) {
                quota[labels[i]]--;
                picked[k++] = i;
            }
        }
        return picked;
    }

    /** Parses a spec; a bare word that is no id at all ({@code CIFAR-10}) is an unknown data set, not bad syntax. */
    private static PluginSpec parse(String text) {
        try {
            return PluginSpec.parse(text);
        } catch (SpecException e) {
            if (text != null && text.indexOf('(') < 0) {
                throw unknown(text.strip());
            }
            throw e;
        }
    }

    private static Params params(PluginSpec spec) {
        return Params.resolve(spec.id(), type(spec.id()).parameters(), spec.raw());
    }

    private static SpecException unknown(String id) {
        return new SpecException("unknown dataset '" + id + "'; available: " + String.join(", ", TYPES.keySet()));
    }
}
