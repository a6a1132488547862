package org.robustgrid.harness.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.robustgrid.harness.engine.NativeEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code robustgrid engine}: the native settings this machine runs with, checking oneDNN first if
 * needed; {@code --env} prints them as shell {@code export} lines for another program (bench/compare.sh
 * gives them to plain PyTorch). Does not load the engine.
 */
@Command(name = "engine", description = "Show oneDNN's checked instruction set and the allocator settings (--env: as export lines).")
final class EngineCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--env", description = "print 'export NAME=value' lines for a shell instead")
    boolean env;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (env) {
            NativeEnvironment.exports().forEach(out::println);
        } else {
            NativeEnvironment.Decision d = NativeEnvironment.prepare();
            out.println("onednn_max_cpu_isa=" + d.isa());
            out.println("source=" + d.source().name().toLowerCase(java.util.Locale.ROOT));
            out.println("verdict=" + d.verdict());
            out.println("onednn_isa=" + d.onednnIsa());
            String tunables = System.getenv("GLIBC_TUNABLES");
            out.println("glibc_tunables=" + (tunables == null ? "" : tunables));
        }
        out.flush();
        return 0;
    }
}
