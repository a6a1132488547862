package org.robustgrid.harness.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.robustgrid.harness.partition.DataSharing;
import org.robustgrid.harness.plugin.PluginInfo;
import org.robustgrid.harness.spi.ParamSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** Lists every plugin: kind, id, description, parameters with defaults, and the jar it came from. */
@Command(name = "plugins", description = "List every plugin with its parameters and source jar.")
final class PluginsCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String kind = "";
        for (PluginInfo info : main.registry().all()) {
            if (!info.kind().label().equals(kind)) {
                kind = info.kind().label();
                out.println();
                out.println(kind + "s:");
                if (kind.equals("partitioner")) {
                    out.println("  (every partitioner takes the grid axis 'shares': " + DataSharing.SEMANTICS + ")");
                }
            }
            out.printf("  %-16s %s  [%s %s sha256:%s]%n", info.id(), info.provider().description(), info.source(), info.version(),
                    info.digest());
            for (ParamSpec p : info.provider().parameters()) {
                out.println("      " + p.describe());
            }
        }
        out.flush();
        return 0;
    }
}
