package org.robustgrid.harness.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robustgrid.harness.data.DataSplit;
import org.robustgrid.harness.plugin.PluginRegistry;
import org.robustgrid.harness.results.ResultRow;
import org.robustgrid.harness.results.ResultsStore;
import org.robustgrid.harness.spi.PluginKind;
import org.robustgrid.harness.spi.PluginProvider;
import org.robustgrid.harness.fixtures.TestPlugins;

/**
 * A third-party jar whose plugins throw, each in one place the SPI calls (an attack's {@code create} and
 * {@code perturb}, an activation's forward, a partitioner's {@code split}, a strategy's {@code aggregate}),
 * in one grid with working plugins: every row a thrower touches is recorded as failed, naming the plugin,
 * its jar and the exception, and every other row is measured.
 */
class ThrowingPluginJarTest {

    private static final String JAR = "throwers-1.0.jar";

    private static final String SOURCE = """
            package thrower;
            import ai.djl.ndarray.NDArray;
            import ai.djl.ndarray.NDList;
            import ai.djl.nn.LambdaBlock;
            import java.util.List;
            import java.util.Optional;
            import org.robustgrid.harness.spi.*;
            public final class Throwers {
                public static final class CreateFails implements AttackProvider {
                    public String id() { return "create-fails"; }
                    public String description() { return "throws in create"; }
                    public Attack create(Params p) { throw new IllegalStateException("no weights file for the surrogate"); }
                }
                public static final class PerturbFails implements AttackProvider {
                    public String id() { return "perturb-fails"; }
                    public String description() { return "throws in perturb"; }
                    public Attack create(Params p) {
                        return new Attack() {
                            public NDArray perturb(Classifier m, NDArray x, NDArray y) { throw new ArithmeticException("perturb divided by zero"); }
                            public Optional<Budget> budget() { return Optional.of(new Budget(Budget.Norm.LINF, 0.1)); }
                        };
                    }
                }
                public static final class ForwardFails implements ActivationProvider {
                    public String id() { return "forward-fails"; }
                    public String description() { return "throws in forward"; }
                    public Activation create(Params p) {
                        return () -> new LambdaBlock(list -> { throw new IllegalStateException("forward has no kernel"); }, "forward-fails");
                    }
                }
                public static final class SplitFails implements PartitionerProvider {
                    public String id() { return "split-fails"; }
                    public String description() { return "throws in split"; }
                    public Partitioner create(Params p) {
                        return (labels, classes, clients, seed) -> { throw new UnsupportedOperationException("split needs a label file"); };
                    }
                }
                public static final class AggregateFails implements StrategyProvider {
                    public String id() { return "aggregate-fails"; }
                    public String description() { return "throws in aggregate"; }
                    public Strategy create(Params p) {
                        return new Strategy() {
                            public boolean federated() { return true; }
                            public List<NDArray> aggregate(List<ClientUpdate> updates) { throw new IllegalArgumentException("aggregate got ragged states"); }
                        };
                    }
                }
            }
            """;

    private static List<PluginProvider<?>> throwers;

    @BeforeAll
    static void buildJar(@TempDir Path tmp) throws Exception {
        Path src = tmp.resolve("src/thrower/Throwers.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, SOURCE);
        Path classes = tmp.resolve("classes");
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, new PrintStream(OutputStream.nullOutputStream()),
                "-d", classes.toString(), "-cp", System.getProperty("java.class.path"), src.toString());
        assertEquals(0, rc, "compiling the throwing plugins");
        Path dir = Files.createDirectories(tmp.resolve("plugins"));
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(dir.resolve(JAR)));
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                jar.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                jar.write(Files.readAllBytes(f));
                jar.closeEntry();
            }
            service(jar, "AttackProvider", "thrower.Throwers$CreateFails\nthrower.Throwers$PerturbFails\n");
            service(jar, "ActivationProvider", "thrower.Throwers$ForwardFails\n");
            service(jar, "PartitionerProvider", "thrower.Throwers$SplitFails\n");
            service(jar, "StrategyProvider", "thrower.Throwers$AggregateFails\n");
        }
        // the jar's providers (the class path adds the harness's own torchscript model)
        throwers = PluginRegistry.discover(dir).all().stream().filter(i -> i.source().equals(JAR)).<PluginProvider<?>>map(i -> i.provider())
                .toList();
        assertEquals(5, throwers.size());
    }

    private static void service(JarOutputStream jar, String type, String lines) throws Exception {
        jar.putNextEntry(new JarEntry("META-INF/services/org.robustgrid.harness.spi." + type));
        jar.write(lines.getBytes(StandardCharsets.UTF_8));
        jar.closeEntry();
    }

    @Test
    void everyRowAThrowerTouchesFailsNamingItAndTheRestIsMeasured(@TempDir Path tmp) {
        List<PluginProvider<?>> providers = new ArrayList<>(TestPlugins.all());
        providers.addAll(throwers);
        PluginRegistry registry = PluginRegistry.of(providers);
        assertTrue(registry.attack("create-fails").failed(), "create's exception is the plugin's failure, not the run's");

        GridSpec grid = GridSpec.defaults().with(Map.ofEntries(Map.entry("dataset", "synthetic(channels=1,size=8,classes=2)"),
                Map.entry("model", "small-cnn(width=4)"), Map.entry("activations", "relu,forward-fails"), Map.entry("train-attacks", "none"),
                Map.entry("eval-attacks", "fgsm(eps=0.05),create-fails,perturb-fails"), Map.entry("lr-schedules", "fixed"),
                Map.entry("strategies", "centralized,fedavg,aggregate-fails"), Map.entry("partitioners", "iid,split-fails"),
                Map.entry("clients", "2"), Map.entry("rounds", "1"), Map.entry("epochs", "1"), Map.entry("batch", "16"),
                Map.entry("eval-limit", "16")));
        DataSplit data = new DataSplit(TestPlugins.bands(64, 2, 8, 1), TestPlugins.bands(32, 2, 8, 2));
        Path out = tmp.resolve("run");
        StringWriter progress = new StringWriter();
        GridRunner.Summary s = new GridRunner(data, Device.cpu(), out, new PrintWriter(progress)).run(GridPlan.of(grid, registry));

        // 2 activations × (centralized + fedavg × 2 partitioners + aggregate-fails × 2 partitioners) = 10 models, 3 attacks each
        List<ResultRow> rows = ResultsStore.read(out.resolve("results.csv")).stream().filter(r -> !r.attack().startsWith("worst-case")).toList();
        assertEquals(30, rows.size(), "a row for every model and attack: " + rows);
        assertEquals(2, s.trained(), "relu centralized and relu fedavg over iid train; every other model has a throwing plugin");
        assertEquals(2, s.evaluated(), "fgsm on the two trained models");
        assertEquals(28, s.failed());

        for (ResultRow r : rows) {
            boolean trained = r.model().activation().equals("relu") && !r.model().strategy().equals("aggregate-fails")
                    && !r.model().partitioner().equals("split-fails");
            String why = r.warning();
            if (!trained) {
                assertTrue(!r.ok() && why.contains(JAR), r.toString());
                String culprit = r.model().activation().equals("forward-fails")
                        ? "activation plugin 'forward-fails' (" + JAR + ", unknown) threw IllegalStateException: forward has no kernel"
                        : r.model().partitioner().equals("split-fails")
                                ? "partitioner plugin 'split-fails' (" + JAR + ", unknown) threw UnsupportedOperationException: split needs a label file"
                                : "strategy plugin 'aggregate-fails' (" + JAR + ", unknown) threw IllegalArgumentException: aggregate got ragged states";
                assertTrue(why.startsWith("training failed: " + culprit), why);
            } else if (r.attack().startsWith("fgsm")) {
                assertTrue(r.ok(), r.toString());
            } else if (r.attack().equals("create-fails")) {
                assertTrue(!r.ok() && why.equals("attack plugin 'create-fails' (" + JAR
                        + ", unknown) failed in create(create-fails): IllegalStateException: no weights file for the surrogate"), why);
                assertTrue(r.measures().naturalAcc() > 0, "the model's natural accuracy is still recorded");
            } else {
                assertTrue(!r.ok() && why.startsWith("evaluation failed: attack plugin 'perturb-fails' (" + JAR
                        + ", unknown) threw ArithmeticException: perturb divided by zero (at thrower.Throwers$PerturbFails$1.perturb)"), why);
            }
        }
        assertTrue(progress.toString().contains("FAILED create-fails: attack plugin 'create-fails'"), progress.toString());
    }

    @Test
    void aThrowerInTheBenchOrPartitionCommandIsStillAnException() {
        PluginRegistry registry = PluginRegistry.of(throwers);
        var failed = registry.attack("create-fails");
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.robustgrid.harness.plugin.PluginFailedException.class, failed::instance);
        assertTrue(e.getMessage().contains(JAR) && e.getMessage().contains("no weights file"), e.getMessage());
        assertEquals(PluginKind.ATTACK, failed.info().kind());
    }
}
