package org.robustgrid.harness.train;

import java.util.List;
import java.util.Locale;
import org.robustgrid.harness.Defaults;
import org.robustgrid.harness.spi.ParamSpec;
import org.robustgrid.harness.spi.Params;

/**
 * The adversarial-training recipe of the study: each batch of clean images (randomly flipped and
 * cropped) is joined by adversarial copies from the training attack and Gaussian-noise copies, trained
 * against soft labels with SGD under a learning-rate schedule. Every field changes the weights, so
 * every field is part of the training key.
 *
 * @param noiseSigma σ of the Gaussian noise added to the noisy copies (0 = no noisy copies)
 * @param labelSmoothing soft-label α in [0,1)
 * @param flip random horizontal flip
 * @param cropPadding random-crop padding in pixels (0 = no crop)
 * @param lr initial learning rate
 * @param schedule learning-rate schedule
 * @param momentum SGD momentum
 * @param weightDecay SGD weight decay
 * @param batchSize clean images per batch
 * @param epochs epochs (local epochs per round when federated)
 */
public record Recipe(
        double noiseSigma, double labelSmoothing, boolean flip, int cropPadding, double lr, LrSchedule schedule,
        double momentum, double weightDecay, int batchSize, int epochs) {

    /** The recipe's settings as declared parameters: ranges, defaults and help in one place (grid keys of the same names). */
    public static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.real("noise", Defaults.NOISE_SIGMA, 0, 1, "Gaussian noise sigma of the noisy copies (0: none)"),
            ParamSpec.real("label-smoothing", Defaults.LABEL_SMOOTHING, 0, 0.999, "soft-label alpha"),
            ParamSpec.bool("flip", true, "random horizontal flip"),
            ParamSpec.integer("crop-padding", Defaults.CROP_PADDING, 0, 16, "random-crop padding (0: none)"),
            ParamSpec.real("lr", Defaults.LEARNING_RATE, 1e-9, 10, "initial learning rate"),
            ParamSpec.real("momentum", Defaults.MOMENTUM, 0, 0.999, "SGD momentum"),
            ParamSpec.real("weight-decay", Defaults.WEIGHT_DECAY, 0, 0.999, "SGD weight decay"),
            ParamSpec.integer("batch", Defaults.BATCH_SIZE, 1, 65_536, "clean images per training batch"),
            ParamSpec.integer("epochs", Defaults.EPOCHS, 1, 10_000, "epochs (local epochs per round when federated)"));

    public Recipe {
        check("noise", noiseSigma);
        check("label-smoothing", labelSmoothing);
        check("crop-padding", cropPadding);
        check("lr", lr);
        check("momentum", momentum);
        check("weight-decay", weightDecay);
        check("batch", batchSize);
        check("epochs", epochs);
    }

    /** The recipe of checked parameter values (a grid's, or {@link Params#defaults}-style) under a schedule. */
    public static Recipe of(Params p, LrSchedule schedule) {
        return new Recipe(p.real("noise"), p.real("label-smoothing"), p.bool("flip"), p.integer("crop-padding"), p.real("lr"), schedule,
                p.real("momentum"), p.real("weight-decay"), p.integer("batch"), p.integer("epochs"));
    }

    /** The study's recipe with robustgrid's defaults. */
    public static Recipe defaults() {
        return new Recipe(Defaults.NOISE_SIGMA, Defaults.LABEL_SMOOTHING, true, Defaults.CROP_PADDING, Defaults.LEARNING_RATE,
                LrSchedule.parse(Defaults.LR_SCHEDULE), Defaults.MOMENTUM, Defaults.WEIGHT_DECAY, Defaults.BATCH_SIZE,
                Defaults.EPOCHS);
    }

    public Recipe withSchedule(LrSchedule s) {
        return new Recipe(noiseSigma, labelSmoothing, flip, cropPadding, lr, s, momentum, weightDecay, batchSize, epochs);
    }

    public Recipe withEpochs(int e) {
        return new Recipe(noiseSigma, labelSmoothing, flip, cropPadding, lr, schedule, momentum, weightDecay, batchSize, e);
    }

    /** Canonical text, part of the training key: equal recipes give equal text. */
    public String canonical() {
        return String.format(Locale.ROOT,
                "recipe(noise=%s,smoothing=%s,flip=%s,crop=%d,lr=%s,schedule=%s,momentum=%s,wd=%s,batch=%d,epochs=%d)",
                noiseSigma, labelSmoothing, flip, cropPadding, lr, schedule.id(), momentum, weightDecay, batchSize, epochs);
    }

    private static void check(String name, double value) {
        ParamSpec p = PARAMETERS.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        p.normalize(Params.format(value), "recipe setting '" + name + "'");
    }
}
