package org.robustgrid.harness.shard;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.robustgrid.harness.data.DataException;
import org.robustgrid.harness.grid.Cell;
import org.robustgrid.harness.grid.GridPlan;
import org.robustgrid.harness.plugin.Plugin;
import org.robustgrid.harness.results.Keys;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.files.WriteFailure;
import org.robustgrid.harness.spi.SpecException;

/**
 * What an output folder holds: which grid (a hash of its plan), which shard of it, and the
 * evaluations that shard must write. A run records it at its start ({@code grid.properties}); merge
 * reads it to refuse shards of different grids and to count each shard's rows against what it owes.
 *
 * @param grid hash of the whole grid's plan: every model key in order, every eval attack, eval limit and batch
 * @param shard the part of the grid this folder holds
 * @param gridModels trained models in the whole grid
 * @param gridEvaluations evaluations in the whole grid
 * @param evalKeys the eval keys this shard writes, in run order
 */
public record ShardManifest(String grid, Shard shard, int gridModels, int gridEvaluations, List<String> evalKeys) {

    /** File name of the manifest inside an output folder. */
    public static final String FILE = "grid.properties";

    public ShardManifest {
        evalKeys = List.copyOf(evalKeys);
    }

    /** The manifest of shard {@code shard} of {@code whole}, the unsharded plan. */
    public static ShardManifest of(GridPlan whole, Shard shard) {
        StringBuilder canonical = new StringBuilder();
        whole.cells().forEach(c -> canonical.append("model=").append(c.modelKey()).append('\n'));
        whole.evalAttacks().forEach(a -> canonical.append("eval-attack=").append(a.canonical()).append('\n'));
        canonical.append("eval-limit=").append(whole.evalLimit()).append('\n');
        // per-attack limits join the hash only where a grid has them, so that older grids keep theirs
        new java.util.TreeMap<>(whole.evalLimits()).forEach((id, n) -> canonical.append("eval-limit.").append(id).append('=').append(n).append('\n'));
        new java.util.TreeMap<>(whole.evalSeeds()).forEach((id, seeds) -> canonical.append("eval-seeds.").append(id).append('=')
                .append(new java.util.TreeSet<>(seeds)).append('\n'));
        new java.util.TreeMap<>(whole.evalSchedules()).forEach((id, schedules) -> canonical.append("eval-schedules.").append(id).append('=')
                .append(new java.util.TreeSet<>(schedules)).append('\n'));
        canonical.append("eval-batch=").append(whole.evalBatch()).append('\n');
        List<String> keys = new ArrayList<>();
        for (Cell c : whole.shard(shard.index(), shard.count()).cells()) {
            for (Plugin<Attack> a : whole.evalAttacks(c)) {
                keys.add(c.evalKey(a));
            }
        }
        return new ShardManifest(Keys.hash(canonical.toString()), shard, whole.cells().size(),
                whole.evaluations(), keys);
    }

    /** Evaluations this shard owes. */
    public int evaluations() {
        return evalKeys.size();
    }

    /**
     * Records this manifest in {@code out} at the start of a run. A folder that already holds another
     * shard is refused: resuming it as a different part of the grid would mix two shards' work.
     */
    public void record(Path out) {
        Optional<ShardManifest> before = read(out);
        if (before.isPresent() && !before.get().shard().equals(shard)) {
            throw new SpecException("output folder " + out + " holds shard " + before.get().shard() + " of grid "
                    + before.get().grid() + ", but this run is shard " + shard + " of grid " + grid
                    + "; give the same --shard, or another --out");
        }
        try {
            Files.createDirectories(out);
            // written beside and moved into place, so a run killed here leaves the old manifest or the new one
            Path tmp = Files.createTempFile(out, FILE, ".tmp");
            Files.writeString(tmp, text(), StandardCharsets.UTF_8);
            Files.move(tmp, out.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new WriteFailure(out.resolve(FILE), e);
        }
    }

    /** The manifest in folder {@code dir}, or empty when the folder has none (a run older than manifests). */
    public static Optional<ShardManifest> read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String keys = required(p, file, "eval-keys");
        List<String> evalKeys = keys.isBlank() ? List.of() : Arrays.asList(keys.strip().split("\\s+"));
        Shard shard;
        try {
            shard = Shard.parse(required(p, file, "shard"), java.util.Map.of());
        } catch (SpecException e) {
            throw new DataException(file + ": " + e.getMessage());
        }
        ShardManifest m = new ShardManifest(required(p, file, "grid"), shard, integer(p, file, "grid-models"),
                integer(p, file, "grid-evaluations"), evalKeys);
        if (integer(p, file, "evaluations") != m.evaluations()) {
            throw new DataException(file + " is corrupt: evaluations = " + p.getProperty("evaluations") + " but it lists "
                    + m.evaluations() + " eval keys");
        }
        return Optional.of(m);
    }

    private String text() {
        return String.format(Locale.ROOT, """
                # Which grid and which part of it this folder holds; written by 'robustgrid run', read by 'robustgrid merge'.
                grid = %s
                shard = %s
                grid-models = %d
                grid-evaluations = %d
                evaluations = %d
                eval-keys = %s
                """, grid, shard, gridModels, gridEvaluations, evaluations(), String.join(" ", evalKeys));
    }

    private static String required(Properties p, Path file, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new DataException(file + " has no '" + key + "'; expected a manifest written by 'robustgrid run'");
        }
        return v.strip();
    }

    private static int integer(Properties p, Path file, String key) {
        String v = required(p, file, key);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new DataException(file + ": '" + key + "' is '" + v + "'; expected an integer");
        }
    }
}
