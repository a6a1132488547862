package org.robustgrid.harness.results;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.robustgrid.harness.data.DataException;
import org.robustgrid.harness.files.AtomicFiles;

/**
 * The per-image outcomes of a run's evaluations, one gzip'd CSV per evaluation key in the folder
 * {@code per-image} beside {@code results.csv}. Written before the evaluation's row, so a row never
 * lacks its outcomes; a kill between the two leaves outcomes without a row, which the rerun rewrites.
 */
public final class OutcomeStore {

    /** The folder's name beside the results file. */
    public static final String FOLDER = "per-image";

    private final Path dir;

    public OutcomeStore(Path dir) {
        this.dir = dir;
    }

    /** The store beside a results file. */
    public static OutcomeStore besides(Path resultsFile) {
        Path parent = resultsFile.toAbsolutePath().getParent();
        return new OutcomeStore(parent.resolve(FOLDER));
    }

    public void write(String evalKey, Outcomes outcomes) {
        AtomicFiles.write(file(evalKey), out -> {
            GZIPOutputStream gz = new GZIPOutputStream(out);
            outcomes.write(gz);
            gz.finish();
        });
    }

    /** The outcomes of an evaluation; empty when none were stored (rows of older files, failed rows). */
    public Optional<Outcomes> read(String evalKey) {
        if (!isKey(evalKey)) {
            return Optional.empty(); // a hand-written row's key names no file
        }
        Path f = file(evalKey);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(f)))) {
            return Optional.of(Outcomes.read(in));
        } catch (IOException e) {
            throw new DataException("per-image outcomes " + f + " are corrupt (" + e.getMessage() + "); delete the file and rerun the grid"
                    + " to evaluate again");
        }
    }

    /** Copies one evaluation's outcomes from another store (merge), unless this store has them. */
    public void copyFrom(OutcomeStore other, String evalKey) {
        if (!isKey(evalKey)) {
            return;
        }
        Path src = other.file(evalKey);
        Path dst = file(evalKey);
        if (!Files.exists(src) || Files.exists(dst)) {
            return;
        }
        AtomicFiles.write(dst, out -> Files.copy(src, out));
    }

    private static boolean isKey(String evalKey) {
        return evalKey.matches("[0-9a-f]{6,64}");
    }

    private Path file(String evalKey) {
        if (!isKey(evalKey)) {
            throw new IllegalArgumentException("not an evaluation key: '" + evalKey + "'");
        }
        return dir.resolve(evalKey + ".csv.gz");
    }
}
