package org.robustgrid.harness.results;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.robustgrid.harness.spi.Params;

/**
 * The schema of {@code results.csv}: its columns in file order, each with the file form of its value
 * and the schema version that added it. Version 1 is the format of robustgrid's first published
 * results (no {@code schema_version} column); 2 added {@code federated} and {@code share_pool}; 3 the
 * evaluation budget and 95% intervals, and robust accuracy by AutoAttack's convention (clean-correct
 * and attack-resisted); 4 the plugins' jars and digests; 5 the harness's build identity and the
 * engine's thread counts. Readers accept every version and ignore columns they do not know.
 */
public enum Column {
    SCHEMA_VERSION(2, r -> Integer.toString(Column.SCHEMA)),
    DATASET(1, r -> r.model().dataset()),
    MODEL(1, r -> r.model().model()),
    ACTIVATION(1, r -> r.model().activation()),
    LR_SCHEDULE(1, r -> r.model().lrSchedule()),
    TRAIN_ATTACK(1, r -> r.model().trainAttack()),
    PARTITIONER(1, r -> r.model().partitioner()),
    SHARE(1, r -> Params.format(r.model().share())),
    SHARE_POOL(2, r -> Params.format(r.model().sharePool())),
    STRATEGY(1, r -> r.model().strategy()),
    FEDERATED(2, r -> Boolean.toString(r.model().federated())),
    CLIENTS(1, r -> Integer.toString(r.model().clients())),
    ROUNDS(1, r -> Integer.toString(r.model().rounds())),
    EPOCHS(1, r -> Integer.toString(r.model().epochs())),
    ATTACK(1, ResultRow::attack),
    NATURAL_ACC(1, r -> ResultRow.fmt(r.measures().naturalAcc())),
    NATURAL_LOW(3, r -> ResultRow.fmt(r.measures().naturalLow())),
    NATURAL_HIGH(3, r -> ResultRow.fmt(r.measures().naturalHigh())),
    ROBUST_ACC(1, r -> ResultRow.fmt(r.measures().robustAcc())),
    ROBUST_LOW(3, r -> ResultRow.fmt(r.measures().robustLow())),
    ROBUST_HIGH(3, r -> ResultRow.fmt(r.measures().robustHigh())),
    EVAL_NATURAL_ACC(1, r -> ResultRow.fmt(r.measures().evalNaturalAcc())),
    EVAL_EXAMPLES(1, r -> count(r.measures().evalExamples())),
    BUDGET_NORM(3, r -> r.measures().budget().map(b -> b.norm().id()).orElse("")),
    BUDGET_EPS(3, r -> r.measures().budget().map(b -> Params.format(b.eps())).orElse("")),
    ATTACK_KIND(3, r -> r.measures().kind().text()),
    SUCCESS_RATE(1, r -> ResultRow.fmt(r.measures().successRate())),
    MEDIAN_L2(1, r -> ResultRow.fmt(r.measures().medianL2())),
    MEDIAN_LINF(1, r -> ResultRow.fmt(r.measures().medianLinf())),
    SEED(1, r -> Long.toString(r.model().seed())),
    PARAMS(1, r -> count(r.training().params())),
    DEVICE(1, r -> r.provenance().device()),
    TRAIN_SECONDS(1, r -> ResultRow.fmt(r.training().seconds())),
    EVAL_SECONDS(1, r -> ResultRow.fmt(r.measures().evalSeconds())),
    TRAIN_STEPS(1, r -> count(r.training().steps())),
    STATUS(1, r -> r.status().text()),
    WARNING(1, ResultRow::warning),
    MODEL_KEY(1, r -> r.model().modelKey()),
    EVAL_KEY(1, ResultRow::evalKey),
    RECIPE(1, r -> r.model().recipe()),
    HARNESS_VERSION(1, r -> r.provenance().harnessVersion()),
    HARNESS_BUILD(5, r -> r.provenance().harnessBuild()),
    PLUGIN_VERSIONS(1, r -> r.provenance().pluginVersions()),
    PLUGIN_SOURCES(4, r -> r.provenance().pluginSources()),
    DJL_VERSION(1, r -> r.provenance().djlVersion()),
    ENGINE(1, r -> r.provenance().engine()),
    INTRA_OP_THREADS(5, r -> count(r.provenance().intraOpThreads())),
    INTER_OP_THREADS(5, r -> count(r.provenance().interOpThreads())),
    TIMESTAMP(1, ResultRow::timestamp);

    /** The schema version this harness writes. */
    public static final int SCHEMA = 5;

    private final int since;
    private final Function<ResultRow, String> text;

    Column(int since, Function<ResultRow, String> text) {
        this.since = since;
        this.text = text;
    }

    /** The header name: lower snake case. */
    public String header() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The schema version that added the column. */
    public int since() {
        return since;
    }

    /** The value's file form. */
    public String text(ResultRow row) {
        return text.apply(row);
    }

    /** The columns a file of schema {@code version} has. */
    public static List<Column> of(int version) {
        return Arrays.stream(values()).filter(c -> c.since <= version).toList();
    }

    private static String count(long v) {
        return v < 0 ? "" : Long.toString(v);
    }
}
