package org.robustgrid.harness.report;

import org.robustgrid.harness.results.Column;
import org.robustgrid.harness.results.ResultRow;
import org.robustgrid.harness.results.ResultsStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A realistic, made-up results file: the paper's eleven activations under its four eval attacks with
 * two seeds, centralized, plus ReLU trained federated (IID, and label-skew shards with 0, 10% and 40%
 * data sharing), one failed cell and one warning. Values are plausible, not measured. Run {@link #main}
 * to write it as CSV for looking at a rendered report.
 */
final class FakeResults {

    private FakeResults() {}

    static final List<String> ACTIVATIONS = List.of("relu", "rrelu(lower=0.125,upper=0.3333333333333333)", "softplus(beta=1)", "gelu",
            "selu", "celu(alpha=1)", "silu", "hardswish", "hardtanh(max=1,min=-1)", "telu", "mish");
    static final List<String> ATTACKS = List.of("fgsm(eps=0.03137254901960784)",
            "pgd(alpha=0.00784313725490196,eps=0.03137254901960784,random-start=true,steps=20)", "cw(c=1,kappa=0,lr=0.01,steps=100)",
            "deepfool(overshoot=0.02,steps=50)");
    /** Typical robust accuracy under each attack, relative to natural accuracy. */
    private static final double[] RETAINED = {0.86, 0.62, 0.55, 0.95};
    static final String TRAIN_ATTACK = "pgd(alpha=0.00784313725490196,eps=0.03137254901960784,random-start=true,steps=10)";

    static List<ResultRow> rows() {
        Random rnd = new Random(42);
        List<ResultRow> rows = new ArrayList<>();
        long minute = 0;
        for (int seed = 0; seed < 2; seed++) {
            for (int a = 0; a < ACTIVATIONS.size(); a++) {
                String act = ACTIVATIONS.get(a);
                double natural = 0.80 - 0.008 * a + 0.01 * rnd.nextGaussian();
                boolean fails = act.equals("telu") && seed == 1;
                String model = String.format(Locale.ROOT, "c%02d%02d", seed, a);
                for (int k = 0; k < ATTACKS.size(); k++) {
                    Map<Column, String> v = base(act, "centralized", "none", "0", 1, 1, seed, model, ATTACKS.get(k), minute++);
                    if (fails) {
                        v.put(Column.STATUS, ResultRow.FAILED);
                        v.put(Column.WARNING, "training failed: loss is NaN at step 412 (diverged)");
                    } else {
                        double robust = natural * (RETAINED[k] - 0.01 * a * (k == 1 ? 1 : 0.3)) + 0.01 * rnd.nextGaussian();
                        measured(v, natural, robust, k);
                        if (act.equals("hardtanh(max=1,min=-1)") && k == 1 && seed == 0) {
                            v.put(Column.WARNING, "black-box square (0.3950) beats white-box pgd (0.4062) at the same budget: gradient masking suspected");
                        }
                    }
                    rows.add(ResultRow.of(v));
                }
            }
        }
        String[][] fed = {{"iid", "0"}, {"shards(classes-per-client=2)", "0"}, {"shards(classes-per-client=2)", "0.1"},
            {"shards(classes-per-client=2)", "0.4"}};
        double[] fedNatural = {0.74, 0.58, 0.64, 0.70};
        for (int f = 0; f < fed.length; f++) {
            String model = "f" + f;
            for (int k = 0; k < ATTACKS.size(); k++) {
                Map<Column, String> v = base("relu", "fedavg", fed[f][0], fed[f][1], 10, 50, 0, model, ATTACKS.get(k), minute++);
                double natural = fedNatural[f];
                measured(v, natural, natural * (RETAINED[k] - 0.08) + 0.005 * rnd.nextGaussian(), k);
                rows.add(ResultRow.of(v));
            }
        }
        return rows;
    }

    private static Map<Column, String> base(String activation, String strategy, String partitioner, String share, int clients,
            int rounds, int seed, String model, String attack, long minute) {
        Map<Column, String> v = new EnumMap<>(Column.class);
        v.put(Column.DATASET, "cifar10");
        v.put(Column.MODEL, "resnet18");
        v.put(Column.ACTIVATION, activation);
        v.put(Column.LR_SCHEDULE, "cosine");
        v.put(Column.TRAIN_ATTACK, TRAIN_ATTACK);
        v.put(Column.PARTITIONER, partitioner);
        v.put(Column.SHARE, share);
        v.put(Column.STRATEGY, strategy);
        v.put(Column.CLIENTS, Integer.toString(clients));
        v.put(Column.ROUNDS, Integer.toString(rounds));
        v.put(Column.EPOCHS, "1");
        v.put(Column.ATTACK, attack);
        v.put(Column.SEED, Integer.toString(seed));
        v.put(Column.PARAMS, "11173962");
        v.put(Column.DEVICE, "gpu(0) NVIDIA H100 80GB HBM3");
        v.put(Column.STATUS, ResultRow.OK);
        v.put(Column.MODEL_KEY, model);
        v.put(Column.EVAL_KEY, model + "-" + Specs.id(attack));
        v.put(Column.RECIPE, "recipe(batch=128,lr=0.1,schedule=cosine)");
        v.put(Column.HARNESS_VERSION, "0.1.0");
        v.put(Column.PLUGIN_VERSIONS, "relu@0.1.0");
        v.put(Column.DJL_VERSION, "0.36.0");
        v.put(Column.ENGINE, "PyTorch 2.7.1");
        v.put(Column.TIMESTAMP, java.time.Instant.parse("2025-12-10T08:00:00Z").plusSeconds(60 * 17 * minute).toString());
        return v;
    }

    private static void measured(Map<Column, String> v, double natural, double robust, int attack) {
        v.put(Column.NATURAL_ACC, ResultRow.fmt(natural));
        v.put(Column.ROBUST_ACC, ResultRow.fmt(robust));
        v.put(Column.EVAL_NATURAL_ACC, ResultRow.fmt(natural));
        v.put(Column.EVAL_EXAMPLES, "1000");
        v.put(Column.SUCCESS_RATE, ResultRow.fmt(1 - robust / natural));
        v.put(Column.MEDIAN_L2, attack >= 2 ? ResultRow.fmt(0.4 + 0.1 * attack) : "");
        v.put(Column.MEDIAN_LINF, ResultRow.fmt(0.03137254901960784));
        v.put(Column.EVAL_SECONDS, "12.5");
        v.put(Column.TRAIN_SECONDS, "3600.0");
        v.put(Column.TRAIN_STEPS, "19550");
        v.put(Column.STATUS, ResultRow.OK);
    }

    /** Writes the rows to {@code args[0]} (a results.csv; appended if it exists). */
    public static void main(String[] args) {
        try (ResultsStore f = ResultsStore.open(Path.of(args[0]))) {
            rows().forEach(f::append);
        }
    }
}
