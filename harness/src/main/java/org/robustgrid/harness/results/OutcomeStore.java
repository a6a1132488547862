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
        writeGzip(file(evalKey), outcomes::write);
    }

    /** The outcomes of an evaluation; empty when none were stored (rows of older files, failed rows). */
    public Optional<Outcomes> read(String evalKey) {
        if (!isKey(evalKey)) {
            return Optional.empty(); // a hand-written row's key names no file
        }
        return readGzip(file(evalKey), Outcomes::read, "per-image outcomes", "delete the file and rerun the grid to evaluate again");
    }

    /** A writer of one file's content. */
    private interface Content {
        void write(java.io.OutputStream out) throws IOException;
    }

    /** A reader of one file's content. */
    private interface Parser<T> {
        T read(InputStream in) throws IOException;
    }

    private static void writeGzip(Path f, Content content) {
        AtomicFiles.write(f, out -> {
            GZIPOutputStream gz = new GZIPOutputStream(out);
            content.write(gz);
            gz.finish();
        });
    }

    private static <T> Optional<T> readGzip(Path f, Parser<T> parser, String what, String fix) {
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(f)))) {
            return Optional.of(parser.read(in));
        } catch (IOException e) {
            throw new DataException(what + " " + f + " are corrupt (" + e.getMessage() + "); " + fix);
        }
    }

    /** Writes the breakdown of a composite attack's evaluation beside its outcomes ({@code EVAL_KEY.stages.csv.gz}). */
    public void writeStages(String evalKey, Stages stages) {
        writeGzip(stagesFile(evalKey), stages::write);
    }

    /** The breakdown of an evaluation; empty when it was no composite attack's (or none was stored). */
    public Optional<Stages> readStages(String evalKey) {
        if (!isKey(evalKey)) {
            return Optional.empty();
        }
        return readGzip(stagesFile(evalKey), Stages::read, "the stages of a composite attack",
                "delete the file and its row's per-image file and rerun the grid to evaluate again");
    }

    /** Copies one evaluation's outcomes from another store (merge), unless this store has them. */
    public void copyFrom(OutcomeStore other, String evalKey) {
        if (!isKey(evalKey)) {
            return;
        }
        copy(other.file(evalKey), file(evalKey));
        copy(other.stagesFile(evalKey), stagesFile(evalKey));
    }

    private static void copy(Path src, Path dst) {
        if (!Files.exists(src) || Files.exists(dst)) {
            return;
        }
        AtomicFiles.write(dst, out -> Files.copy(src, out));
    }

    private Path stagesFile(String evalKey) {
        return dir.resolve(evalKey + ".stages.csv.gz");
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
