package org.robustgrid.harness.grid;

import java.io.PrintWriter;
import java.util.Locale;
import org.robustgrid.harness.train.Reading;
import org.robustgrid.harness.train.TrainingListener;

/** Progress of a long run on stderr: cells done of total, the current epoch, images per second and an ETA. */
public final class Progress implements TrainingListener {

    private static final long MIN_INTERVAL_NANOS = 2_000_000_000L;

    private final PrintWriter err;
    private final int totalCells;
    private int cell;
    private String label = "";
    private long phaseStart;
    private long lastPrint;
    private long images;
    private long stepsDone;
    private long stepsEver;
    private long stepsTotal;
    private long phaseFirstStep;

    public Progress(PrintWriter err, int totalCells) {
        this.err = err;
        this.totalCells = totalCells;
    }

    /** The grid moves to cell {@code index}: every line from now on names it. */
    public void cell(int index, String label) {
        this.cell = index;
        this.label = label;
    }

    @Override
    public void started(long totalSteps, long doneSteps) {
        this.stepsTotal = totalSteps;
        this.stepsDone = doneSteps;
        this.images = 0;
        this.phaseStart = System.nanoTime();
        this.lastPrint = 0;
        this.phaseFirstStep = doneSteps;
        line("train " + totalSteps + " steps");
    }

    @Override
    public void step(String where, int batchImages, Reading reading) {
        double meanLoss = reading == null ? Double.NaN : reading.loss();
        stepsDone++;
        stepsEver++;
        images += batchImages;
        long now = System.nanoTime();
        if (now - lastPrint < MIN_INTERVAL_NANOS && stepsDone < stepsTotal) {
            return;
        }
        lastPrint = now;
        double secs = (now - phaseStart) / 1e9;
        double rate = images / Math.max(secs, 1e-9);
        long ran = stepsDone - phaseFirstStep;
        double eta = ran == 0 ? 0 : secs * (stepsTotal - stepsDone) / ran;
        line(String.format(Locale.ROOT, "%s step %d/%d%s %.0f img/s ETA %s", where, stepsDone, stepsTotal,
                Double.isNaN(meanLoss) ? "" : String.format(Locale.ROOT, " loss %.4f", meanLoss), rate, hms(eta)));
    }

    /** Optimizer steps taken in this run, over every cell. */
    public long stepsDone() {
        return stepsEver;
    }

    @Override
    public void note(String message) {
        line(message);
    }

    /** Any other message about the current cell. */
    public void line(String message) {
        err.printf(Locale.ROOT, "[cell %d/%d] %s: %s%n", cell, totalCells, label, message);
        err.flush();
    }

    static String hms(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
