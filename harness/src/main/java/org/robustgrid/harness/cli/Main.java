package org.robustgrid.harness.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.robustgrid.harness.Defaults;
import org.robustgrid.harness.Version;
import org.robustgrid.harness.engine.NativeEnvironment;
import org.robustgrid.harness.files.WriteFailure;
import org.robustgrid.harness.plugin.PluginRegistry;
import org.robustgrid.harness.spi.SpecException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code robustgrid}: the entry point. Exit codes: 0 ok, 1 a failure inside a run, 2 bad input, 3 a file could not be written. */
@Command(name = "robustgrid", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, versionProvider = Main.VersionProvider.class,
        description = "Benchmark harness for adversarial robustness: trains, attacks and ranks models over a grid of plugins.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:something failed inside a run (failed cells are recorded with their reason)",
            "2:bad input: a malformed spec, an unknown id, a corrupt file, a missing GPU, an output folder in use",
            "3:a file could not be written (a full disk, a read-only folder); what was written is kept, rerun to resume"},
        subcommands = {RunCommand.class, PluginsCommand.class, LeaderboardCommand.class, MergeCommand.class, ExportCommand.class,
            ReportCommand.class, PartitionCommand.class, BenchCommand.class, SlurmCommand.class, EngineCommand.class,
            NewPluginCommand.class, VerifyCommand.class, CompareCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {

    /** Exit code of bad input: a malformed spec, an unknown id, a corrupt file, a missing GPU. */
    public static final int BAD_INPUT = 2;
    /** Exit code when something failed inside a run. */
    public static final int RUN_FAILED = 1;
    /** Exit code when a file could not be written: a full disk, a read-only folder. */
    public static final int WRITE_FAILED = 3;

    /** The built-in plugin folder: the launcher's, else {@link Defaults#PLUGIN_DIR}. */
    static Path builtInPlugins() {
        return Path.of(System.getProperty("robustgrid.plugins", Defaults.PLUGIN_DIR));
    }

    @Option(names = "--plugins", scope = CommandLine.ScopeType.INHERIT, paramLabel = "DIR",
            description = "another folder of plugin jars, searched besides the built-in one (repeatable)")
    List<Path> pluginDirs = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT, description = "print the stack trace of a failure")
    boolean verbose;

    @Option(names = "--recheck-engine", scope = CommandLine.ScopeType.INHERIT,
            description = "check oneDNN's convolution gradients again instead of using the cached answer (docs/performance.md)")
    void recheckEngine(boolean on) {
        if (on) {
            NativeEnvironment.recheck();
        }
    }

    private PluginRegistry registry;

    /** Registry discovered from the class path and the plugin folder, once per invocation. */
    PluginRegistry registry() {
        if (registry == null) {
            List<Path> dirs = new ArrayList<>();
            dirs.add(builtInPlugins());
            dirs.addAll(pluginDirs);
            registry = PluginRegistry.discover(dirs);
        }
        return registry;
    }

    /** Replaces discovery (tests register plugins by hand). */
    public Main withRegistry(PluginRegistry r) {
        this.registry = r;
        return this;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** A command line with robustgrid's exception handling: bad input is one line on stderr and exit code 2. */
    public static CommandLine commandLine(Main main) {
        CommandLine cl = new CommandLine(main);
        RunCommand.addGridOptions(cl.getSubcommands().get("run"));
        cl.setExecutionExceptionHandler((ex, line, parseResult) -> {
            Throwable t = ex;
            while (!(t instanceof SpecException) && t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
            }
            PrintWriter err = line.getErr();
            if (t instanceof SpecException) {
                err.println("robustgrid: " + t.getMessage());
                err.flush();
                return BAD_INPUT;
            }
            Optional<WriteFailure> write = cause(ex, WriteFailure.class);
            if (write.isPresent()) {
                err.println("robustgrid: " + write.get().getMessage() + "; what was written before is kept: make room (or fix the folder)"
                        + " and rerun the same command to resume");
            } else {
                err.println("robustgrid: failed: " + ex + (main.verbose ? "" : " (--verbose prints the stack trace)"));
            }
            if (main.verbose) {
                ex.printStackTrace(err);
            }
            err.flush();
            return write.isPresent() ? WRITE_FAILED : RUN_FAILED;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("robustgrid: " + ex.getMessage() + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            err.flush();
            return BAD_INPUT;
        });
        return cl;
    }

    private static <T extends Throwable> Optional<T> cause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return Optional.of(type.cast(c));
            }
        }
        return Optional.empty();
    }

    public static void main(String[] args) {
        System.exit(commandLine(new Main()).execute(args));
    }

    /** Version from the build. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"robustgrid " + Version.get()};
        }
    }
}
