package org.robustgrid.harness.train;

import java.util.Locale;
import org.robustgrid.harness.Defaults;
import org.robustgrid.harness.spi.SpecException;

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

    public Recipe {
        check(noiseSigma >= 0 && noiseSigma <= 1, "noise", noiseSigma, "[0, 1]");
        check(labelSmoothing >= 0 && labelSmoothing < 1, "label-smoothing", labelSmoothing, "[0, 1)");
        check(cropPadding >= 0 && cropPadding <= 16, "crop-padding", cropPadding, "0..16");
        check(lr > 0 && lr <= 10, "lr", lr, "(0, 10]");
        check(momentum >= 0 && momentum < 1, "momentum", momentum, "[0, 1)");
        check(weightDecay >= 0 && weightDecay < 1, "weight-decay", weightDecay, "[0, 1)");
        check(batchSize >= 1 && batchSize <= 65536, "batch", batchSize, "1..65536");
        check(epochs >= 1 && epochs <= 10000, "epochs", epochs, "1..10000");
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

    private static void check(boolean ok, String name, Object value, String range) {
        if (!ok) {
            throw new SpecException("recipe setting '" + name + "' is " + value + "; expected " + range);
        }
    }
}
