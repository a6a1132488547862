package org.robustgrid.harness.grid;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * What a checkpoint's training cost, kept beside it ({@code <key>.params.meta}) so that rows written
 * from a reused checkpoint report the model's steps and training time like the run that trained it.
 *
 * @param steps optimizer steps over the model's training
 * @param seconds wall time of its training
 */
record CheckpointMeta(long steps, double seconds) {

    static Path fileOf(Path checkpoint) {
        return checkpoint.resolveSibling(checkpoint.getFileName() + ".meta");
    }

    /** The meta of a checkpoint; zeros for a checkpoint without one. */
    static CheckpointMeta read(Path checkpoint) {
        Path f = fileOf(checkpoint);
        if (!Files.exists(f)) {
            return new CheckpointMeta(0, Double.NaN);
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(r);
            return new CheckpointMeta(Long.parseLong(p.getProperty("steps", "0")), Double.parseDouble(p.getProperty("seconds", "NaN")));
        } catch (IOException | NumberFormatException e) {
            return new CheckpointMeta(0, Double.NaN);
        }
    }

    /** Written before the checkpoint is, so a checkpoint never lacks its meta. */
    static void write(Path checkpoint, CheckpointMeta meta) {
        Path f = fileOf(checkpoint);
        Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
        Properties p = new Properties();
        p.setProperty("steps", Long.toString(meta.steps()));
        p.setProperty("seconds", Double.toString(meta.seconds()));
        try {
            Files.createDirectories(f.toAbsolutePath().getParent());
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, null);
            }
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + f, e);
        }
    }
}
