package org.robustgrid.harness.results;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.robustgrid.harness.data.DataException;
import org.robustgrid.harness.files.WriteFailure;

/**
 * The owner of {@code results.csv}: read once when opened, then appended one row at a time and flushed
 * after each, so a kill loses at most the row being written (a last line cut by a kill is dropped when
 * the file is next opened). A file of an older schema is upgraded in place before anything is appended;
 * its original is kept beside it ({@code results.csv.schema-1.bak}), so nothing written is lost.
 */
public final class ResultsStore implements AutoCloseable {

    /** The file's name inside a run's output folder. */
    public static final String FILE = "results.csv";

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build();

    private final Path file;
    private final OutputStream out;
    private final List<ResultRow> rows;
    private final Set<String> keys = new HashSet<>();
    /** The failure that ended appending: after a write failed, the file may end in part of a row, so nothing more is appended. */
    private WriteFailure failed;

    private ResultsStore(Path file, OutputStream out, List<ResultRow> rows) {
        this.file = file;
        this.out = out;
        this.rows = new ArrayList<>(rows);
        rows.forEach(r -> keys.add(r.evalKey()));
    }

    /** Opens for appending: reads what is there, repairs a cut last line, upgrades an older schema, writes a new file's header. */
    public static ResultsStore open(Path file) {
        return open(file, UnaryOperator.identity());
    }

    /**
     * {@link #open(Path)}, appending through {@code sink} wrapped around the file's stream: a test's way to
     * fail the disk at a chosen row.
     */
    public static ResultsStore open(Path file, UnaryOperator<OutputStream> sink) {
        OutputStream o = null;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            boolean fresh = !Files.exists(file) || Files.size(file) == 0;
            List<ResultRow> rows = List.of();
            if (!fresh) {
                dropPartialLastLine(file);
                Read read = parse(file);
                if (read.version() > Column.SCHEMA) {
                    throw new DataException("results file " + file + " has schema version " + read.version() + ", newer than this"
                            + " robustgrid writes (" + Column.SCHEMA + "); append to it with a newer robustgrid or give a new --out");
                }
                rows = read.rows();
                if (!read.current()) {
                    upgrade(file, read.version(), rows);
                }
            }
            o = sink.apply(Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
            ResultsStore store = new ResultsStore(file, o, rows);
            if (fresh) {
                store.write(Column.of(Column.SCHEMA).stream().map(Column::header).toList());
            }
            return store;
        } catch (IOException e) {
            closeQuietly(o);
            throw new WriteFailure(file, e);
        } catch (RuntimeException e) {
            closeQuietly(o);
            throw e;
        }
    }

    /** One record as one write of whole bytes (no buffer that a later flush could write half of). */
    private void write(List<String> values) throws IOException {
        out.write((FORMAT.format(values.toArray()) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Every row, the file's and those appended since it was opened, in file order. */
    public List<ResultRow> rows() {
        return List.copyOf(rows);
    }

    /** Whether an evaluation's row is in the file (ok or failed). */
    public boolean recorded(String evalKey) {
        return keys.contains(evalKey);
    }

    /**
     * Appends one row and flushes it to the file.
     *
     * @throws WriteFailure when the file cannot be written (a full disk): the rows before are kept, a part of
     *     this one is cut when the file is next opened, and this store appends nothing more
     */
    public synchronized void append(ResultRow row) {
        if (failed != null) {
            throw failed;
        }
        try {
            write(Column.of(Column.SCHEMA).stream().map(c -> c.text(row)).toList());
        } catch (IOException e) {
            failed = new WriteFailure(file, e);
            throw failed;
        }
        rows.add(row);
        keys.add(row.evalKey());
    }

    /** Every row of a results file of any schema version; empty when it does not exist. */
    public static List<ResultRow> read(Path file) {
        return Files.exists(file) ? parse(file).rows() : List.of();
    }

    /** What a parse found: rows, the newest schema version among them, whether the header is the current one. */
    private record Read(List<ResultRow> rows, int version, boolean current) {}

    private static Read parse(Path file) {
        try (Reader r = new java.io.StringReader(wholeLines(file));
                CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
            List<String> header = parser.getHeaderNames();
            int version = header.contains(Column.SCHEMA_VERSION.header()) ? 0 : 1;
            List<ResultRow> rows = new ArrayList<>();
            for (CSVRecord rec : parser) {
                Map<Column, String> values = new EnumMap<>(Column.class);
                for (Column c : Column.values()) {
                    if (rec.isMapped(c.header()) && rec.isSet(c.header())) {
                        values.put(c, rec.get(c.header()));
                    }
                }
                version = Math.max(version, RowCodec.version(values.get(Column.SCHEMA_VERSION)));
                rows.add(RowCodec.decode(values));
            }
            version = Math.max(version, 1);
            List<String> missing = Column.of(Math.min(version, Column.SCHEMA)).stream().map(Column::header)
                    .filter(h -> !header.contains(h)).toList();
            if (!missing.isEmpty()) {
                throw new DataException("results file " + file + " (schema " + version + ") lacks the column" + (missing.size() == 1 ? " " : "s ")
                        + String.join(", ", missing) + "; it is damaged or not a robustgrid results file");
            }
            boolean current = header.equals(Column.of(Column.SCHEMA).stream().map(Column::header).toList());
            return new Read(rows, version, current);
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new DataException("results file " + file + " is not valid CSV: " + e.getMessage());
        }
    }

    /** Rewrites a file of an older schema (or with extra columns) in the current one, keeping the original beside it. */
    private static void upgrade(Path file, int version, List<ResultRow> rows) throws IOException {
        Path backup = file.resolveSibling(file.getFileName() + ".schema-" + version + ".bak");
        if (!Files.exists(backup)) {
            Files.copy(file, backup);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (CSVPrinter p = new CSVPrinter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8), FORMAT)) {
            p.printRecord(Column.of(Column.SCHEMA).stream().map(Column::header).toList());
            for (ResultRow row : rows) {
                p.printRecord(Column.of(Column.SCHEMA).stream().map(c -> c.text(row)).toList());
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The file's text up to its last newline: robustgrid ends every row with one, so a last line without it is
     * a row cut by a kill or a full disk, not yet a row. A reader leaves the file as it is; {@link #open} cuts it.
     */
    private static String wholeLines(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return text.substring(0, text.lastIndexOf('\n') + 1);
    }

    /** A kill during a write can leave a line without its newline: cut it, so the rerun rewrites that row. */
    static void dropPartialLastLine(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            if (size == 0) {
                return;
            }
            ByteBuffer one = ByteBuffer.allocate(1);
            ch.read(one, size - 1);
            if (one.get(0) == '\n') {
                return;
            }
            long pos = size - 1;
            while (pos > 0) {
                one.clear();
                ch.read(one, pos - 1);
                if (one.get(0) == '\n') {
                    break;
                }
                pos--;
            }
            ch.truncate(pos);
        }
    }

    @Override
    public void close() {
        if (failed != null) {
            closeQuietly(out); // the failure is already being reported
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            throw new WriteFailure(file, e);
        }
    }

    private static void closeQuietly(OutputStream o) {
        if (o != null) {
            try {
                o.close();
            } catch (IOException ignored) {
                // closing after a failure: the failure is what is reported
            }
        }
    }
}
