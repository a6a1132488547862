package org.robustgrid.harness.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.robustgrid.harness.grid.GridPlan;
import org.robustgrid.harness.grid.GridKey;
import org.robustgrid.harness.grid.GridSpec;
import org.robustgrid.harness.shard.SbatchScript;
import org.robustgrid.harness.shard.Shard;
import org.robustgrid.harness.shard.ShardManifest;
import org.robustgrid.harness.spi.SpecException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code robustgrid slurm GRID-OR-PRESET --shards N [...] [-- RUN-FLAGS...]}: writes a Slurm job-array
 * script that runs the grid in N shards, prints how to submit, rerun and merge it, and with
 * {@code --submit} submits it. The run flags are checked here, with the grid, before anything is written.
 */
@Command(name = "slurm", description = "Write (and with --submit, submit) a Slurm job array that runs a grid in shards.")
final class SlurmCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "GRID-OR-PRESET",
            description = "a grid file, or a preset: quick, fmnist, fmnist-federated, paper")
    String grid;

    @Parameters(index = "1..*", paramLabel = "RUN-FLAGS",
            description = "after --: flags for every task's 'run', e.g. -- --epochs 1")
    List<String> runFlags = new ArrayList<>();

    @Option(names = "--shards", required = true, paramLabel = "N", description = "array tasks, one shard of the grid each")
    int shards;

    @Option(names = "--out", paramLabel = "DIR",
            description = "the grid's folder: shard-<i>/ per task, logs/, the script (default: runs/<grid>)")
    Path out;

    @Option(names = "--partition", paramLabel = "P", description = "Slurm partition (default: the cluster's)")
    String partition;

    @Option(names = "--gpus-per-task", paramLabel = "G", defaultValue = "0",
            description = "GPUs per task; > 0 adds --device gpu to run")
    int gpusPerTask;

    @Option(names = "--cpus-per-task", paramLabel = "C", defaultValue = "1",
            description = "CPUs per task, also its OMP_NUM_THREADS (default: ${DEFAULT-VALUE})")
    int cpusPerTask;

    @Option(names = "--time", paramLabel = "T",
            description = "time limit per task, e.g. 24:00:00; a task killed at it resumes when resubmitted")
    String time;

    @Option(names = "--mem", paramLabel = "M", description = "memory per task, e.g. 16G")
    String mem;

    @Option(names = "--account", paramLabel = "A", description = "Slurm account to charge")
    String account;

    @Option(names = "--job-name", paramLabel = "NAME", description = "Slurm job name (default: robustgrid-<grid>)")
    String jobName;

    @Option(names = "--sbatch", paramLabel = "OPTION",
            description = "any other #SBATCH option, repeatable, e.g. --sbatch=--qos=long")
    List<String> sbatchOptions = new ArrayList<>();

    @Option(names = "--launcher", paramLabel = "PATH", defaultValue = "${sys:robustgrid.launcher}",
            description = "the robustgrid launcher the tasks run (default: this one)")
    Path launcher;

    @Option(names = "--submit", description = "submit the script with sbatch (must be on the PATH)")
    boolean submit;

    /** The search path for sbatch; tests replace it. */
    String searchPath = System.getenv("PATH");

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        if (shards < 1) {
            throw new SpecException("--shards is " + shards + "; expected 1 or more");
        }
        if (launcher == null) {
            throw new SpecException("no launcher known: run through ./robustgrid, or give --launcher PATH");
        }
        Path sbatch = submit ? onPath("sbatch", searchPath) : null;
        if (submit && sbatch == null) {
            throw new SpecException("--submit needs sbatch on the PATH, and there is none; submit the script on a Slurm login node");
        }
        List<String> gridArgs = gridArgs();
        List<String> flags = new ArrayList<>(runFlags);
        if (gpusPerTask > 0 && !parseRunFlags(runCommand(), flags).hasMatchedOption("--device")) {
            flags.addAll(List.of("--device", "gpu"));
        }
        CommandLine run = runCommand();
        parseRunFlags(run, flags);
        GridSpec base = gridArgs.get(0).equals("--preset") ? GridSpec.preset(gridArgs.get(1)) : GridSpec.file(Path.of(gridArgs.get(0)));
        GridSpec gridSpec = base.with(gridFlags(run));
        GridPlan plan = GridPlan.of(gridSpec, main.registry());
        if (shards > plan.cells().size()) {
            throw new SpecException("--shards " + shards + " but the grid has " + plan.cells().size()
                    + " models to train; give at most " + plan.cells().size() + " shards");
        }
        ShardManifest whole = ShardManifest.of(plan, Shard.WHOLE);
        String name = gridName();
        Path dir = (out != null ? out : Path.of("runs", name)).toAbsolutePath().normalize();
        if (dir.toString().chars().anyMatch(Character::isWhitespace)) {
            throw new SpecException("--out " + dir + " has white space, which #SBATCH --output cannot hold; give another folder");
        }
        String gridLine = String.format(Locale.ROOT, "grid %s (%s): %d models, %d evaluations, in %d shards", whole.grid(), name,
                plan.cells().size(), whole.gridEvaluations(), shards);
        SbatchScript script = new SbatchScript(jobName != null ? jobName : "robustgrid-" + name, shards, dir,
                launcher.toAbsolutePath().normalize(), gridArgs, flags,
                SbatchScript.resources(partition, cpusPerTask, gpusPerTask, time, mem, account, sbatchOptions), gridLine);
        write(script);
        stdout.printf("wrote %s: %s%n", script.script(), gridLine);
        stdout.printf("  task i runs shard i/%d into %s/%si, logging to %s/%s/%si.log%n", shards, dir, SbatchScript.SHARD_PREFIX,
                dir, SbatchScript.LOGS, SbatchScript.SHARD_PREFIX);
        stdout.printf("submit:           sbatch %s%n", script.script());
        stdout.printf("rerun some tasks: sbatch --array=2,5 %s   (a killed task resumes from its folder)%n", script.script());
        stdout.printf("merge when done:  %s%n", script.mergeCommand());
        stdout.flush();
        if (submit) {
            return submit(sbatch, script.script(), stdout);
        }
        return 0;
    }

    private List<String> gridArgs() {
        Path file = Path.of(grid);
        if (Files.isRegularFile(file)) {
            return List.of(file.toAbsolutePath().normalize().toString());
        }
        if (GridSpec.presets().contains(grid)) {
            return List.of("--preset", grid);
        }
        throw new SpecException("'" + grid + "' is neither a grid file nor a preset; presets: " + String.join(", ", GridSpec.presets()));
    }

    private String gridName() {
        String base = Path.of(grid).getFileName().toString();
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }

    /** A fresh command line to parse {@code run}'s flags with: picocli parses a command line once. */
    private CommandLine runCommand() {
        return Main.commandLine(new Main().withRegistry(main.registry()));
    }

    /** Checks the run flags as {@code run} would, refusing those this command decides per task. */
    private static CommandLine.ParseResult parseRunFlags(CommandLine root, List<String> flags) {
        List<String> args = new ArrayList<>(List.of("run"));
        args.addAll(flags);
        CommandLine.ParseResult parsed;
        try {
            parsed = root.parseArgs(args.toArray(String[]::new)).subcommand();
        } catch (CommandLine.ParameterException e) {
            throw new SpecException("bad run flag after --: " + e.getMessage());
        }
        for (String own : List.of("--out", "--shard", "--preset")) {
            if (parsed.hasMatchedOption(own)) {
                throw new SpecException("run flag " + own + " after -- is set by the slurm command per task; leave it out");
            }
        }
        if (parsed.hasMatchedPositional(0)) {
            throw new SpecException("a grid file after -- ('" + parsed.matchedPositional(0).getValue()
                    + "'); give the grid once, before --");
        }
        return parsed;
    }

    private static Map<String, String> gridFlags(CommandLine root) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (GridKey k : GridSpec.KEYS) {
            OptionSpec o = root.getSubcommands().get("run").getCommandSpec().findOption("--" + k.name());
            if (o != null && o.getValue() != null) {
                flags.put(k.name(), o.getValue());
            }
        }
        return flags;
    }

    private static void write(SbatchScript script) {
        try {
            Files.createDirectories(script.out().resolve(SbatchScript.LOGS));
            Files.writeString(script.script(), script.text(), StandardCharsets.UTF_8);
            script.script().toFile().setExecutable(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Slurm script in " + script.out(), e);
        }
    }

    private int submit(Path sbatch, Path script, PrintWriter stdout) {
        try {
            Process p = new ProcessBuilder(sbatch.toString(), "--parsable", script.toString()).redirectErrorStream(true).start();
            String answer = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("robustgrid: sbatch refused " + script + ": " + answer.replace('\n', ' '));
                err.flush();
                return Main.RUN_FAILED;
            }
            stdout.printf("submitted job %s (array tasks 1-%d)%n", answer.split(";")[0], shards);
            stdout.flush();
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + sbatch, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.RUN_FAILED;
        }
    }

    private static Path onPath(String program, String path) {
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
