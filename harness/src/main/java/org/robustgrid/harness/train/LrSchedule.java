package org.robustgrid.harness.train;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.robustgrid.harness.spi.SpecException;

/** Learning-rate schedules over a run of {@code total} steps: the study runs each activation with a fixed and a varying rate. */
public enum LrSchedule {
    /** lr(t) = lr0. */
    FIXED,
    /** lr(t) = lr0 · ½(1 + cos(π t / T)). */
    COSINE,
    /** lr(t) = lr0 · 0.1^(number of milestones passed), milestones at 50% and 75% of T. */
    STEP;

    /** The rate at step {@code t} of {@code total}. */
    public double rate(double lr0, long t, long total) {
        double progress = total <= 0 ? 0 : Math.min(1.0, (double) t / total);
        return switch (this) {
            case FIXED -> lr0;
            case COSINE -> lr0 * 0.5 * (1 + Math.cos(Math.PI * progress));
            case STEP -> lr0 * (progress >= 0.75 ? 0.01 : progress >= 0.5 ? 0.1 : 1.0);
        };
    }

    /** The lower-case name used in specs and results. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every schedule's id. */
    public static java.util.List<String> ids() {
        return Arrays.stream(values()).map(LrSchedule::id).toList();
    }

    /** Parses {@code fixed}, {@code cosine} or {@code step}. */
    public static LrSchedule parse(String text) {
        for (LrSchedule s : values()) {
            if (s.id().equals(text.strip())) {
                return s;
            }
        }
        throw new SpecException("unknown learning-rate schedule '" + text + "'; expected one of "
                + Arrays.stream(values()).map(LrSchedule::id).collect(Collectors.joining(", ")));
    }
}
