package org.robustgrid.harness.results;

import java.util.Map;
import java.util.Optional;
import org.robustgrid.harness.spi.Budget;
import org.robustgrid.harness.spi.Params;

/** Rows from their file form, upgrading rows of older schemas. The inverse of {@link Column#text}. */
final class RowCodec {

    /** The shared pool of every federated model that schema 1 recorded. */
    static final double SCHEMA_1_SHARE_POOL = 0.1;

    private RowCodec() {}

    /** A row from its values by column; absent ones are empty, and a row without a schema version is of schema 1. */
    static ResultRow decode(Map<Column, String> v) {
        int version = version(v.getOrDefault(Column.SCHEMA_VERSION, ""));
        String partitioner = text(v, Column.PARTITIONER);
        // Schema 1 did not record 'federated'; it wrote partitioner 'none' for every centralized model.
        boolean federated = version >= 2 ? Boolean.parseBoolean(text(v, Column.FEDERATED))
                : !partitioner.isEmpty() && !partitioner.equals("none");
        ModelFacts model = new ModelFacts(text(v, Column.DATASET), text(v, Column.MODEL), text(v, Column.ACTIVATION),
                text(v, Column.LR_SCHEDULE), text(v, Column.TRAIN_ATTACK), partitioner, real(v, Column.SHARE, 0),
                // schema 1 had one pool size, 10% of the training set
                version >= 2 ? real(v, Column.SHARE_POOL, Double.NaN) : SCHEMA_1_SHARE_POOL,
                text(v, Column.STRATEGY), federated, (int) whole(v, Column.CLIENTS, 1), (int) whole(v, Column.ROUNDS, 1),
                (int) whole(v, Column.EPOCHS, 1), whole(v, Column.SEED, 0), text(v, Column.MODEL_KEY), text(v, Column.RECIPE));
        Measures measures = measures(v, version);
        Training training = new Training(whole(v, Column.PARAMS, -1), whole(v, Column.TRAIN_STEPS, -1),
                real(v, Column.TRAIN_SECONDS, Double.NaN));
        // before schema 5 no row said which build made it or with how many threads: empty, and -1 (written empty)
        Provenance provenance = new Provenance(text(v, Column.HARNESS_VERSION), text(v, Column.HARNESS_BUILD), text(v, Column.PLUGIN_VERSIONS),
                text(v, Column.PLUGIN_SOURCES), text(v, Column.DJL_VERSION), text(v, Column.ENGINE),
                (int) whole(v, Column.INTRA_OP_THREADS, Provenance.UNKNOWN_THREADS), (int) whole(v, Column.INTER_OP_THREADS, Provenance.UNKNOWN_THREADS),
                text(v, Column.DEVICE));
        ResultRow.Status status = ResultRow.OK.equals(text(v, Column.STATUS)) ? ResultRow.Status.OK : ResultRow.Status.FAILED;
        return new ResultRow(model, text(v, Column.ATTACK), text(v, Column.EVAL_KEY), training, measures, provenance, status,
                text(v, Column.WARNING), text(v, Column.TIMESTAMP));
    }

    private static Measures measures(Map<Column, String> v, int version) {
        double robust = real(v, Column.ROBUST_ACC, Double.NaN);
        int examples = (int) whole(v, Column.EVAL_EXAMPLES, -1);
        double[] robustCi;
        double[] naturalCi;
        Optional<Budget> budget = Optional.empty();
        if (version >= 3) {
            robustCi = new double[] {real(v, Column.ROBUST_LOW, Double.NaN), real(v, Column.ROBUST_HIGH, Double.NaN)};
            naturalCi = new double[] {real(v, Column.NATURAL_LOW, Double.NaN), real(v, Column.NATURAL_HIGH, Double.NaN)};
            String norm = text(v, Column.BUDGET_NORM);
            double eps = real(v, Column.BUDGET_EPS, Double.NaN);
            if (!norm.isEmpty() && !Double.isNaN(eps)) {
                budget = Optional.of(new Budget(Budget.Norm.of(norm), eps));
            }
        } else {
            // Older rows stated no interval; the robust one follows from the count, the natural one's test-set size was not kept.
            robustCi = Double.isNaN(robust) || examples <= 0 ? new double[] {Double.NaN, Double.NaN}
                    : Measures.wilson(Math.round(robust * examples), examples);
            naturalCi = new double[] {Double.NaN, Double.NaN};
        }
        return new Measures(real(v, Column.NATURAL_ACC, Double.NaN), naturalCi[0], naturalCi[1], robust, robustCi[0], robustCi[1],
                real(v, Column.EVAL_NATURAL_ACC, Double.NaN), examples, budget, real(v, Column.SUCCESS_RATE, Double.NaN),
                real(v, Column.MEDIAN_L2, Double.NaN), real(v, Column.MEDIAN_LINF, Double.NaN), real(v, Column.EVAL_SECONDS, Double.NaN),
                AttackKind.of(text(v, Column.ATTACK_KIND)));
    }

    /** The schema version a row states; 1 for rows of files without the column. */
    static int version(String text) {
        if (text == null || text.isBlank()) {
            return 1;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static String text(Map<Column, String> v, Column c) {
        String t = v.get(c);
        return t == null ? "" : t;
    }

    private static double real(Map<Column, String> v, Column c, double absent) {
        String t = text(v, c);
        if (t.isEmpty()) {
            return absent;
        }
        double d = Params.parseReal(t);
        return Double.isNaN(d) ? absent : d;
    }

    private static long whole(Map<Column, String> v, Column c, long absent) {
        String t = text(v, c);
        try {
            return t.isEmpty() ? absent : Long.parseLong(t);
        } catch (NumberFormatException e) {
            return absent;
        }
    }
}
