package org.robustgrid.harness.checkpoint;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A model's training curve: the mean training loss at the steps where the trainer read it (every few
 * steps and at the end of each local training). Kept in memory and written by {@link CheckpointStore}
 * whenever a state of the model is (each federated round, the final weights), so the log on disk always
 * matches the weights beside it.
 */
public final class TrainingLog {

    /**
     * One reading.
     *
     * @param step optimizer steps of the model's training so far (resumed runs continue the count)
     * @param where the phase: {@code epoch 1/3}, {@code round 2/10 client 4/10}
     * @param loss mean loss over the steps since the previous reading
     * @param cleanAccuracy accuracy on the step's clean batch, model in inference mode (NaN when not logged)
     * @param adversarialAccuracy accuracy on the step's adversarial batch (NaN without one)
     */
    public record Entry(long step, String where, double loss, double cleanAccuracy, double adversarialAccuracy) {}

    static final String HEADER = "step,where,loss,clean_acc,adv_acc";

    private final List<Entry> entries = new ArrayList<>();

    /** Adds a reading. */
    public synchronized void add(long step, String where, double loss, double cleanAccuracy, double adversarialAccuracy) {
        entries.add(new Entry(step, where, loss, cleanAccuracy, adversarialAccuracy));
    }

    /** Adds every reading of {@code other}, after this log's own. */
    public synchronized void addAll(TrainingLog other) {
        entries.addAll(other.entries());
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    synchronized void write(OutputStream out) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Entry e : entries) {
            sb.append(e.step()).append(',').append(e.where()).append(',').append(String.format(Locale.ROOT, "%.6f,%s,%s", e.loss(),
                    acc(e.cleanAccuracy()), acc(e.adversarialAccuracy()))).append('\n');
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a log written by {@link #write}; lines that do not parse are skipped. */
    static TrainingLog read(InputStream in) throws IOException {
        TrainingLog log = new TrainingLog();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line = r.readLine();
        while ((line = r.readLine()) != null) {
            String[] f = line.split(",", -1);
            if (f.length == 3 || f.length == 5) {
                try {
                    log.add(Long.parseLong(f[0]), f[1], Double.parseDouble(f[2]), f.length == 5 ? parse(f[3]) : Double.NaN,
                            f.length == 5 ? parse(f[4]) : Double.NaN);
                } catch (NumberFormatException e) {
                    // a hand-edited line; the rest of the curve still loads
                }
            }
        }
        return log;
    }

    private static String acc(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static double parse(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }
}
