package org.robustgrid.harness.results;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.robustgrid.harness.data.DataException;

/**
 * {@code results.csv}: read whole, appended one row at a time and flushed after each, so a kill loses
 * at most the row being written. A last line cut by a kill is dropped when the file is next opened.
 */
public final class ResultsFile implements AutoCloseable {

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build();

    private final CSVPrinter printer;

    private ResultsFile(CSVPrinter printer) {
        this.printer = printer;
    }

    /** Opens for appending, writing the header to a new file and repairing a cut last line. */
    public static ResultsFile append(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            boolean fresh = !Files.exists(file) || Files.size(file) == 0;
            if (!fresh) {
                dropPartialLastLine(file);
                read(file);
            }
            BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            CSVPrinter p = new CSVPrinter(w, FORMAT);
            if (fresh) {
                p.printRecord(Arrays.stream(Column.values()).map(Column::header).toList());
                p.flush();
            }
            return new ResultsFile(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open results file " + file, e);
        }
    }

    /** Appends one row and flushes it to the file. */
    public synchronized void write(ResultRow row) {
        try {
            List<String> values = new ArrayList<>();
            for (Column c : Column.values()) {
                values.add(row.get(c));
            }
            printer.printRecord(values);
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results row", e);
        }
    }

    /** Every row of a results file; empty when it does not exist. */
    public static List<ResultRow> read(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
            List<String> header = parser.getHeaderNames();
            for (Column c : Column.values()) {
                if (!header.contains(c.header())) {
                    throw new DataException("results file " + file + " has no column '" + c.header()
                            + "'; it was written by another version or is not a robustgrid results file");
                }
            }
            List<ResultRow> rows = new ArrayList<>();
            for (CSVRecord rec : parser) {
                Map<Column, String> values = new EnumMap<>(Column.class);
                for (Column c : Column.values()) {
                    values.put(c, rec.isMapped(c.header()) && rec.isSet(c.header()) ? rec.get(c.header()) : "");
                }
                rows.add(ResultRow.of(values));
            }
            return rows;
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new DataException("results file " + file + " is not valid CSV: " + e.getMessage());
        }
    }

    /** A kill during a write can leave a line without its newline: cut it, so the rerun rewrites that row. */
    static void dropPartialLastLine(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            if (size == 0) {
                return;
            }
            java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(1);
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
