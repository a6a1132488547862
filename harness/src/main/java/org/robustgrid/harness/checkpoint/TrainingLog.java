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
     */
    public record Entry(long step, String where, double loss) {}

    static final String HEADER = "step,where,loss";

    private final List<Entry> entries = new ArrayList<>();

    /** Adds a reading. */
    public synchronized void add(long step, String where, double loss) {
        entries.add(new Entry(step, where, loss));
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
            sb.append(e.step()).append(',').append(e.where()).append(',').append(String.format(Locale.ROOT, "%.6f", e.loss())).append('\n');
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
            if (f.length == 3) {
                try {
                    log.add(Long.parseLong(f[0]), f[1], Double.parseDouble(f[2]));
                } catch (NumberFormatException e) {
                    // a hand-edited line; the rest of the curve still loads
                }
            }
        }
        return log;
    }
}
