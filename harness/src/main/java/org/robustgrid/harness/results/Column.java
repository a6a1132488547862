package org.robustgrid.harness.results;

import java.util.Locale;

/** The columns of {@code results.csv}, in file order. Accuracies and rates are fractions in [0,1]. */
public enum Column {
    DATASET, MODEL, ACTIVATION, LR_SCHEDULE, TRAIN_ATTACK, PARTITIONER, SHARE, STRATEGY, CLIENTS, ROUNDS, EPOCHS,
    ATTACK, NATURAL_ACC, ROBUST_ACC, EVAL_NATURAL_ACC, EVAL_EXAMPLES, SUCCESS_RATE, MEDIAN_L2, MEDIAN_LINF,
    SEED, PARAMS, DEVICE, TRAIN_SECONDS, EVAL_SECONDS, TRAIN_STEPS, STATUS, WARNING,
    MODEL_KEY, EVAL_KEY, RECIPE, HARNESS_VERSION, PLUGIN_VERSIONS, DJL_VERSION, ENGINE, TIMESTAMP;

    /** The header name: lower snake case. */
    public String header() {
        return name().toLowerCase(Locale.ROOT);
    }
}
