package org.robustgrid.harness.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import ai.djl.Device;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robustgrid.harness.data.DataSplit;
import org.robustgrid.harness.engine.Engines;
import org.robustgrid.harness.engine.NetworkClassifier;
import org.robustgrid.harness.model.Models;
import org.robustgrid.harness.grid.GridPlan;
import org.robustgrid.harness.grid.GridRunner;
import org.robustgrid.harness.grid.GridSpec;
import org.robustgrid.harness.plugin.Plugin;
import org.robustgrid.harness.plugin.PluginRegistry;
import org.robustgrid.harness.results.ResultRow;
import org.robustgrid.harness.results.ResultsStore;
import org.robustgrid.harness.spi.PluginKind;
import org.robustgrid.harness.spi.PluginProvider;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.Budget;
import org.robustgrid.harness.fixtures.TestPlugins;

/**
 * A third-party attack that breaks its promises, compiled against the harness alone and dropped into
 * the plugin folder as a jar: the harness loads it like any other, and {@link AttackContract} flags
 * what it returns, naming the check, the jar and the numbers a failed row must carry.
 */
class BrokenAttackJarTest {


    /** Claims an L∞ budget of 8/255 and returns x + 0.1: outside the budget and, near white, outside [0,1]. */
    private static final String BROKEN = """
            package thirdparty;
            import ai.djl.ndarray.NDArray;
            import java.util.Optional;
            import org.robustgrid.harness.spi.*;
            public final class Shift implements AttackProvider {
                public String id() { return "shift"; }
                public String description() { return "x + 0.1, a broken attack"; }
                public java.util.List<ParamSpec> parameters() {
                    return java.util.List.of(ParamSpec.real("eps", 8.0 / 255, 0, 1, "the budget it claims"));
                }
                public Attack create(Params p) {
                    double eps = p.real("eps");
                    return new Attack() {
                        public NDArray perturb(Classifier m, NDArray x, NDArray y) { return x.add(0.1f); }
                        public Optional<Budget> budget() { return Optional.of(new Budget(Budget.Norm.LINF, eps)); }
                    };
                }
            }
            """;

    @Test
    void aBrokenAttackFromAJarIsFlagged(@TempDir Path tmp) throws Exception {
        Path pluginDir = brokenJar(tmp);
        Plugin<Attack> shift = PluginRegistry.discover(pluginDir).attack("shift");
        assertEquals("broken-attacks-1.0.jar", shift.info().source(), "the jar a failed row names");
        Attack attack = shift.instance();
        try (NDManager m = NDManager.newBaseManager()) {
            Engines.seed(21);
            Block net = Models.build(TestPlugins.model("small-cnn(width=4)").instance(), TestPlugins.relu(), 1, 8, 8, 10, new float[] {0.5f}, new float[] {0.25f});
            net.initialize(m, DataType.FLOAT32, new Shape(2, 1, 8, 8));
            NetworkClassifier model = new NetworkClassifier(net, new ParameterStore(m, false), 10);
            Engines.seed(22);
            NDArray x = m.randomUniform(0f, 1f, new Shape(4, 1, 8, 8));
            NDArray y = model.logits(x).argMax(1).toType(DataType.INT32, false);
            NDArray adv = attack.perturb(model, x, y);

            AttackContract.Violation v = AttackContract.check(x, adv, attack.budget()).orElseThrow();
            assertEquals(AttackContract.Check.BOX, v.check(), v.detail());
            assertTrue(v.largest() > 1 && v.largest() <= 1.1 + 1e-6, "largest pixel " + v.largest());

            // inside the box, its perturbation still breaks the claimed budget: 0.1 > 8/255 everywhere but at the clip
            NDArray clipped = adv.clip(0f, 1f);
            AttackContract.Violation over = AttackContract.check(x, clipped, attack.budget()).orElseThrow();
            assertEquals(AttackContract.Check.BUDGET, over.check(), over.detail());
            assertEquals(0.1, over.largest(), 1e-6, "the largest L∞ norm seen");
            assertEquals(Optional.of(new Budget(Budget.Norm.LINF, 8.0 / 255)), over.budget());
            assertEquals(0, over.image());
        }
    }

    @Test
    void itsRowsAreRecordedAsFailedAndTheRestOfTheGridCompletes(@TempDir Path tmp) throws Exception {
        Path pluginDir = brokenJar(tmp);
        List<PluginProvider<?>> providers = new ArrayList<>(TestPlugins.all());
        providers.add(PluginRegistry.discover(pluginDir).info(PluginKind.ATTACK, "shift").provider());
        PluginRegistry registry = PluginRegistry.of(providers);
        GridSpec grid = GridSpec.defaults().with(Map.of("dataset", "synthetic(channels=1,size=8,classes=2)", "model", "small-cnn(width=4)",
                "activations", "relu", "train-attacks", "none", "eval-attacks", "fgsm(eps=0.05),shift,fgsm(eps=0.1)", "lr-schedules",
                "fixed,cosine", "strategies", "centralized", "epochs", "1", "batch", "32", "eval-limit", "32"));
        DataSplit data = new DataSplit(TestPlugins.bands(64, 2, 8, 1), TestPlugins.bands(32, 2, 8, 2));
        Path out = tmp.resolve("run");
        GridRunner.Summary s = new GridRunner(data, Device.cpu(), out, new PrintWriter(new StringWriter())).run(GridPlan.of(grid, registry));
        assertEquals(2, s.trained());
        assertEquals(2, s.failed());
        List<ResultRow> rows = ResultsStore.read(out.resolve("results.csv"));
        List<ResultRow> broken = rows.stream().filter(r -> r.attack().startsWith("shift")).toList();
        assertEquals(2, broken.size(), "one row per model");
        for (ResultRow r : broken) {
            assertFalse(r.ok());
            assertTrue(r.warning().contains("attack contract broken by shift (broken-attacks-1.0.jar"), r.warning());
            assertTrue(r.warning().contains("largest"), r.warning());
        }
        assertEquals(4, rows.stream().filter(r -> r.ok() && r.attack().startsWith("fgsm(")).count(), "the rest of the grid: " + rows);
    }

    private static Path brokenJar(Path tmp) throws Exception {
        Path src = tmp.resolve("src/thirdparty");
        Files.createDirectories(src);
        Files.writeString(src.resolve("Shift.java"), BROKEN);
        Path classes = tmp.resolve("classes");
        Files.createDirectories(classes);
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, new PrintStream(OutputStream.nullOutputStream()),
                "-d", classes.toString(), "-cp", System.getProperty("java.class.path"), src.resolve("Shift.java").toString());
        assertEquals(0, rc, "compiling the broken plugin");
        Path pluginDir = tmp.resolve("plugins");
        Files.createDirectories(pluginDir);
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(pluginDir.resolve("broken-attacks-1.0.jar")))) {
            for (String cls : new String[] {"thirdparty/Shift.class", "thirdparty/Shift$1.class"}) {
                jar.putNextEntry(new JarEntry(cls));
                jar.write(Files.readAllBytes(classes.resolve(cls)));
                jar.closeEntry();
            }
            jar.putNextEntry(new JarEntry("META-INF/services/org.robustgrid.harness.spi.AttackProvider"));
            jar.write("thirdparty.Shift\n".getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return pluginDir;
    }
}
