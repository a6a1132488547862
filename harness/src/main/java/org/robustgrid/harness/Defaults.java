package org.robustgrid.harness;

/**
 * Every default of the harness in one place; help text is built from these constants so it cannot
 * drift. Values marked [paper] are the study's; the rest are robustgrid's choices where the paper is
 * silent (PAPER.md, "[default]"). The plugins an unset grid axis uses are not here but in the preset
 * {@code defaults} (resources/presets/defaults.grid): the harness names no plugin id in code.
 */
public final class Defaults {

    private Defaults() {}

    /** Data set used when none is named: real, and installed by the README's set-up command. */
    public static final String DATASET = "fashion-mnist";
    /** Model used when none is named. */
    public static final String MODEL = "resnet18";

    /** Gaussian noise σ on [0,1] pixels for the noisy copies. */
    public static final double NOISE_SIGMA = 0.05;
    /** Soft-label α: true class 1 − (K−1)α/K, every other α/K. */
    public static final double LABEL_SMOOTHING = 0.1;
    /** Initial learning rate. */
    public static final double LEARNING_RATE = 0.1;
    /** SGD momentum. */
    public static final double MOMENTUM = 0.9;
    /** SGD weight decay (L2, on every parameter, as PyTorch's SGD applies it). */
    public static final double WEIGHT_DECAY = 5e-4;
    /** Batch size of clean images (each batch then holds clean, adversarial and noisy copies). */
    public static final int BATCH_SIZE = 128;
    /** Padding of the random crop. */
    public static final int CROP_PADDING = 4;
    /** Learning-rate schedule. */
    public static final String LR_SCHEDULE = "fixed";
    /** Epochs of (local) training. */
    public static final int EPOCHS = 1;
    /** Seed. */
    public static final long SEED = 0;

    /** Federated clients [paper: ten]. */
    public static final int CLIENTS = 10;
    /** Federated rounds. */
    public static final int ROUNDS = 10;
    /** Fraction of clients that train in each round. */
    public static final double CLIENT_FRACTION = 1.0;
    /**
     * Data sharing: the global pool's share of the training set (Zhao et al. 2018's β). With ten
     * equal clients a pool of 1/clients makes a sharing fraction f give each client the portion f of
     * the pool (Zhao et al.'s α), and the study's "40% sharing" (fraction 0.4) fits in the pool for
     * every client of up to 2.5× the mean size. See docs/federated.md.
     */
    public static final double SHARING_POOL_FRACTION = 0.1;
    /** The sharing fraction that gave the study's best federated result ("40% sharing") [paper]. */
    public static final double SHARING_FRACTION_STUDY = 0.4;

    /** Test images used for robust accuracy (0 = the whole test set). */
    public static final int EVAL_LIMIT = 1000;
    /** Batch size for evaluation. */
    public static final int EVAL_BATCH_SIZE = 256;

    /** Plugin folder, relative to the working directory. */
    public static final String PLUGIN_DIR = "plugins/";
    /** Output folder of a run. */
    public static final String OUT_DIR = "runs/latest";
    /** Device. */
    public static final String DEVICE = "cpu";
}
