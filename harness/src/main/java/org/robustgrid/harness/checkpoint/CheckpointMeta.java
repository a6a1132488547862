package org.robustgrid.harness.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * What a model's training cost, kept beside its weights so that rows written from a reused checkpoint
 * report the model's steps and training time like the run that trained it.
 *
 * @param steps optimizer steps over the model's training
 * @param seconds wall time of its training; NaN when not known
 */
public record CheckpointMeta(long steps, double seconds) {

    /** The meta of a checkpoint written without one (or with an unreadable one). */
    public static final CheckpointMeta UNKNOWN = new CheckpointMeta(0, Double.NaN);

    static CheckpointMeta read(InputStream in) {
        Properties p = new Properties();
        try {
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            return new CheckpointMeta(Long.parseLong(p.getProperty("steps", "0")), Double.parseDouble(p.getProperty("seconds", "NaN")));
        } catch (IOException | NumberFormatException e) {
            return UNKNOWN;
        }
    }

    void write(java.io.OutputStream out) throws IOException {
        Properties p = new Properties();
        p.setProperty("steps", Long.toString(steps));
        p.setProperty("seconds", Double.toString(seconds));
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        p.store(w, null);
        w.flush();
    }
}
