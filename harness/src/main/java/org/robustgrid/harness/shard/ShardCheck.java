package org.robustgrid.harness.shard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.robustgrid.harness.data.DataException;
import org.robustgrid.harness.results.Column;
import org.robustgrid.harness.results.ResultRow;
import org.robustgrid.harness.results.ResultsStore;
import org.robustgrid.harness.spi.SpecException;

/**
 * The shards given to {@code merge}, checked against their manifests before anything is written:
 * shards of different grids (or of different splits of one grid) are refused, and each shard's rows
 * are counted against the evaluations it owes, so the report names the array tasks to rerun.
 * Inputs are shard folders or the {@code results.csv} inside them.
 */
public final class ShardCheck {

    /**
     * One input.
     *
     * @param dir the shard's output folder
     * @param results its results file, or null when the run wrote no row yet
     * @param manifest its manifest, or null for a run older than manifests
     */
    public record Part(Path dir, Path results, ShardManifest manifest) {}

    private final List<Part> parts;
    private final ShardManifest reference;
    private final List<String> report = new ArrayList<>();
    private final List<Integer> rerun = new ArrayList<>();
    private int written;

    private ShardCheck(List<Part> parts) {
        this.parts = parts;
        this.reference = parts.stream().map(Part::manifest).filter(m -> m != null).findFirst().orElse(null);
    }

    /** Reads the manifests and results of {@code inputs}; refuses a mix of grids or splits in one line. */
    public static ShardCheck of(List<Path> inputs) {
        List<Part> parts = new ArrayList<>();
        for (Path in : inputs) {
            parts.add(part(in));
        }
        ShardCheck check = new ShardCheck(parts);
        check.refuseMixtures();
        check.count();
        return check;
    }

    /**
     * The inputs grouped by grid, each group checked as {@link #of} checks one grid: for joining the results of
     * several grids (presets run into their own folders) into one file. Every input must have a manifest.
     */
    public static List<ShardCheck> ofGrids(List<Path> inputs) {
        Map<String, List<Path>> byGrid = new LinkedHashMap<>();
        for (Path in : inputs) {
            Part p = part(in);
            if (p.manifest() == null) {
                throw new SpecException("merge input " + p.dir() + " has no " + ShardManifest.FILE + ", so its grid is unknown; --grids joins"
                        + " folders written by 'robustgrid run', which records it");
            }
            byGrid.computeIfAbsent(p.manifest().grid(), g -> new ArrayList<>()).add(in);
        }
        return byGrid.values().stream().map(ShardCheck::of).toList();
    }

    private static Part part(Path in) {
        Path dir;
        Path results;
        if (Files.isDirectory(in)) {
            dir = in;
            results = in.resolve("results.csv");
        } else if (Files.isRegularFile(in)) {
            dir = in.toAbsolutePath().getParent();
            results = in;
        } else {
            throw new DataException("merge input " + in + " does not exist; expected a shard's output folder or its results.csv");
        }
        Optional<ShardManifest> m = ShardManifest.read(dir);
        return new Part(dir, Files.isRegularFile(results) ? results : null, m.orElse(null));
    }

    private void refuseMixtures() {
        if (reference == null) {
            return;
        }
        Part first = parts.stream().filter(p -> p.manifest() != null).findFirst().orElseThrow();
        for (Part p : parts) {
            ShardManifest m = p.manifest();
            if (m == null) {
                throw new SpecException("merge input " + p.dir() + " has no " + ShardManifest.FILE + " but " + first.dir()
                        + " has one (grid " + reference.grid() + "); cannot tell they are one grid, so nothing was merged");
            }
            if (!m.grid().equals(reference.grid())) {
                throw new SpecException(String.format(Locale.ROOT,
                        "shards of different grids: %s is grid %s (%d models, %d evaluations), %s is grid %s (%d models, %d evaluations);"
                                + " merge the shards of one grid",
                        first.dir(), reference.grid(), reference.gridModels(), reference.gridEvaluations(),
                        p.dir(), m.grid(), m.gridModels(), m.gridEvaluations()));
            }
            if (m.shard().count() != reference.shard().count()) {
                throw new SpecException("shards of different splits of grid " + m.grid() + ": " + first.dir() + " is shard "
                        + reference.shard() + ", " + p.dir() + " is shard " + m.shard() + "; merge the shards of one split");
            }
        }
    }

    private void count() {
        if (reference == null) {
            report.add("no " + ShardManifest.FILE + " in the inputs (runs older than manifests): merged without checking shards");
            return;
        }
        int n = reference.shard().count();
        Map<Integer, List<Part>> byIndex = new TreeMap<>();
        parts.forEach(p -> byIndex.computeIfAbsent(p.manifest().shard().index(), k -> new ArrayList<>()).add(p));
        for (int i = 1; i <= n; i++) {
            List<Part> given = byIndex.get(i);
            if (given == null) {
                report.add(String.format(Locale.ROOT, "shard %d/%d: missing", i, n));
                rerun.add(i);
                continue;
            }
            ShardManifest m = given.get(0).manifest();
            Set<String> owes = new HashSet<>(m.evalKeys());
            Map<String, Boolean> done = new HashMap<>();
            for (Part p : given) {
                if (p.results() != null) {
                    for (ResultRow r : ResultsStore.read(p.results())) {
                        String key = r.get(Column.EVAL_KEY);
                        if (owes.contains(key)) {
                            done.merge(key, r.ok(), Boolean::logicalOr);
                        }
                    }
                }
            }
            long failed = done.values().stream().filter(ok -> !ok).count();
            boolean complete = done.size() == owes.size();
            written += done.size();
            report.add(String.format(Locale.ROOT, "shard %d/%d %s: %d of %d evaluations%s%s", i, n,
                    String.join(", ", given.stream().map(p -> p.dir().toString()).toList()), done.size(), owes.size(),
                    failed > 0 ? " (" + failed + " failed)" : "", complete ? "" : ", incomplete"));
            if (!complete) {
                rerun.add(i);
            }
        }
        report.add(String.format(Locale.ROOT, "grid %s: %d of %d shards complete, %d of %d evaluations%s", reference.grid(),
                n - rerun.size(), n, written, reference.gridEvaluations(), rerun.isEmpty() ? "" : "; rerun array tasks " + tasks()));
    }

    /** The inputs' folders, in the order given. */
    public List<Path> dirs() {
        return parts.stream().map(Part::dir).toList();
    }

    /** The grid's hash from the manifests, or empty when the inputs have none. */
    public Optional<String> grid() {
        return Optional.ofNullable(reference).map(ShardManifest::grid);
    }

    /** The results files to merge: those of the inputs that wrote any row. */
    public List<Path> resultsFiles() {
        return parts.stream().map(Part::results).filter(r -> r != null).toList();
    }

    /** One line per shard and a last line for the grid, for the user to read. */
    public List<String> report() {
        return List.copyOf(report);
    }

    /** True when every shard is present and wrote every evaluation it owes (or there were no manifests to check). */
    public boolean complete() {
        return rerun.isEmpty();
    }

    /** The shard indices, 1-based, that are missing or incomplete: the array task ids to resubmit. */
    public List<Integer> rerun() {
        return List.copyOf(rerun);
    }

    /** The one-line reason a complete merge was refused. */
    public String problem() {
        return String.format(Locale.ROOT, "%d of %d shards of grid %s are missing or incomplete (%d of %d evaluations); "
                + "rerun array tasks %s (e.g. sbatch --array=%s SCRIPT), or merge what exists with --partial",
                rerun.size(), reference.shard().count(), reference.grid(), written, reference.gridEvaluations(), tasks(), tasks());
    }

    private String tasks() {
        return String.join(",", rerun.stream().map(String::valueOf).toList());
    }
}
