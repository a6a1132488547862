package org.robustgrid.harness.results;

import java.io.BufferedWriter;
import java.io.IOException;
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
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.robustgrid.harness.data.DataException;

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

    private final CSVPrinter printer;
    private final List<ResultRow> rows;
    private final Set<String> keys = new HashSet<>();

    private ResultsStore(CSVPrinter printer, List<ResultRow> rows) {
        this.printer = printer;
        this.rows = new ArrayList<>(rows);
        rows.forEach(r -> keys.add(r.evalKey()));
    }

    /** Opens for appending: reads what is there, repairs a cut last line, upgrades an older schema, writes a new file's header. */
    public static ResultsStore open(Path file) {
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
            BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            CSVPrinter p = new CSVPrinter(w, FORMAT);
            if (fresh) {
                p.printRecord(Column.of(Column.SCHEMA).stream().map(Column::header).toList());
                p.flush();
            }
            return new ResultsStore(p, rows);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open results file " + file, e);
        }
    }

    /** Every row, the file's and those appended since it was opened, in file order. */
    public List<ResultRow> rows() {
        return List.copyOf(rows);
    }

    /** Whether an evaluation's row is in the file (ok or failed). */
    public boolean recorded(String evalKey) {
        return keys.contains(evalKey);
    }

    /** Appends one row and flushes it to the file. */
    public synchronized void append(ResultRow row) {
        try {
            printer.printRecord(Column.of(Column.SCHEMA).stream().map(c -> c.text(row)).toList());
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results row", e);
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
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
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
        try {
            printer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
