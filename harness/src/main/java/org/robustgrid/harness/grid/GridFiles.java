package org.robustgrid.harness.grid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.robustgrid.harness.files.WriteFailure;

/**
 * The grid files a results folder keeps, so that its rows can be recomputed ({@code robustgrid verify}):
 * {@code grid.txt}, written by {@code run} (and by {@code merge} of one grid's shards), and
 * {@code grids/GRID.txt}, one per grid, written by {@code merge --grids}.
 */
public final class GridFiles {

    /** A run's grid file. */
    public static final String GRID = "grid.txt";
    /** The folder of a merged folder's grid files. */
    public static final String GRIDS = "grids";

    private GridFiles() {}

    /** The folder's grid files: {@code grid.txt} first when there is one, then {@code grids/*.txt} in name order. */
    public static List<Path> of(Path dir) {
        List<Path> out = new ArrayList<>();
        if (Files.isRegularFile(dir.resolve(GRID))) {
            out.add(dir.resolve(GRID));
        }
        Path grids = dir.resolve(GRIDS);
        if (Files.isDirectory(grids)) {
            try (Stream<Path> files = Files.list(grids)) {
                files.filter(f -> f.getFileName().toString().endsWith(".txt") && Files.isRegularFile(f)).sorted().forEach(out::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + grids, e);
            }
        }
        return out;
    }

    /**
     * Copies a run folder's {@code grid.txt} to {@code target} unless a file is there already; returns whether
     * the folder had one to copy.
     */
    public static boolean copy(Path runDir, Path target) {
        Path from = runDir.resolve(GRID);
        if (!Files.isRegularFile(from)) {
            return false;
        }
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            if (!Files.exists(target)) {
                Files.copy(from, target);
            }
            return true;
        } catch (IOException e) {
            throw new WriteFailure(target, e);
        }
    }
}
