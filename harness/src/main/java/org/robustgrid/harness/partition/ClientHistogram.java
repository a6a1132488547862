package org.robustgrid.harness.partition;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * How many examples of each class every client holds, and its text table for
 * {@code robustgrid partition}: one row per client (its index, size and count per class) and a
 * {@code total} row, columns right-aligned to fixed widths and two spaces apart.
 *
 * <pre>
 * client  size  0  1  2
 *      0     3  2  1  0
 *      1     2  0  0  2
 *  total     5  2  1  2
 * </pre>
 */
public final class ClientHistogram {

    private final long[][] counts;

    private ClientHistogram(long[][] counts) {
        this.counts = counts;
    }

    /**
     * Counts the labels of each client's indices. An index listed twice (a shared example that is also
     * local) counts twice, as it is trained on twice.
     *
     * @param clients one array of training-set indices per client
     * @param labels the training labels, values in {@code [0, numClasses)}
     * @param numClasses number of classes
     */
    public static ClientHistogram of(List<int[]> clients, int[] labels, int numClasses) {
        long[][] counts = new long[clients.size()][numClasses];
        for (int i = 0; i < clients.size(); i++) {
            for (int index : clients.get(i)) {
                counts[i][labels[index]]++;
            }
        }
        return new ClientHistogram(counts);
    }

    /** Number of clients. */
    public int clients() {
        return counts.length;
    }

    /** Number of classes. */
    public int numClasses() {
        return counts.length == 0 ? 0 : counts[0].length;
    }

    /** Examples of each class that client {@code i} holds; a fresh array (what {@code ClientContext.classCounts} takes). */
    public long[] classCounts(int i) {
        return counts[i].clone();
    }

    /** Examples client {@code i} holds. */
    public long size(int i) {
        long n = 0;
        for (long c : counts[i]) {
            n += c;
        }
        return n;
    }

    /** The table with class indices as column headers. */
    public String table() {
        return table(IntStream.range(0, numClasses()).mapToObj(Integer::toString).toList());
    }

    /**
     * The table with the given class names as column headers (one per class). Each line ends with
     * {@code \n}; numbers are plain decimal digits, the same in every locale.
     */
    public String table(List<String> classNames) {
        if (classNames.size() != numClasses()) {
            throw new IllegalArgumentException(classNames.size() + " class names for " + numClasses() + " classes");
        }
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("client", "size"));
        header.addAll(classNames);
        rows.add(header);
        long[] total = new long[numClasses()];
        long totalSize = 0;
        for (int i = 0; i < clients(); i++) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(i), Long.toString(size(i))));
            for (int c = 0; c < numClasses(); c++) {
                row.add(Long.toString(counts[i][c]));
                total[c] += counts[i][c];
            }
            totalSize += size(i);
            rows.add(row);
        }
        List<String> last = new ArrayList<>(List.of("total", Long.toString(totalSize)));
        for (long t : total) {
            last.add(Long.toString(t));
        }
        rows.add(last);

        int[] width = new int[header.size()];
        for (List<String> row : rows) {
            for (int j = 0; j < row.size(); j++) {
                width[j] = Math.max(width[j], row.get(j).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            for (int j = 0; j < row.size(); j++) {
                if (j > 0) {
                    out.append("  ");
                }
                out.append(" ".repeat(width[j] - row.get(j).length())).append(row.get(j));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
