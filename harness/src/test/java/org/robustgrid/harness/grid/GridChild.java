package org.robustgrid.harness.grid;

import ai.djl.Device;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/** A grid run in its own JVM, for {@link KillResumeTest} to kill: two centralized models and one federated. */
public final class GridChild {

    private GridChild() {}

    static GridSpec grid() {
        return GridRunnerTest.tiny(Map.of("strategies", "centralized,fedavg", "partitioners", "iid", "clients", "3",
                "rounds", "3", "lr-schedules", "fixed,cosine", "epochs", "2"));
    }

    public static void main(String[] args) {
        Path out = Path.of(args[0]);
        GridRunner.Summary s = new GridRunner(GridRunnerTest.DATA, Device.cpu(), out, new PrintWriter(System.err, true))
                .run(GridPlan.of(grid(), GridRunnerTest.REGISTRY));
        System.out.println("done " + s);
    }
}
