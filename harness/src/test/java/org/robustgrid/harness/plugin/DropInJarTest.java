package org.robustgrid.harness.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robustgrid.harness.cli.Main;
import org.robustgrid.harness.results.Column;
import org.robustgrid.harness.results.ResultRow;
import org.robustgrid.harness.results.WorstCase;
import org.robustgrid.harness.results.ResultsStore;
import picocli.CommandLine;

/**
 * The design's promise: a plugin compiled against the harness alone, packed as a jar with its
 * {@code META-INF/services} file and dropped into the plugin folder, is listed by {@code plugins} and
 * used by the next grid run, with no rebuild of the harness.
 */
class DropInJarTest {

    private static final String ACTIVATION = """
            package thirdparty;
            import ai.djl.ndarray.NDList;
            import ai.djl.nn.LambdaBlock;
            import org.robustgrid.harness.spi.*;
            public final class Squareplus implements ActivationProvider {
                public String id() { return "squareplus"; }
                public String description() { return "squareplus (x + sqrt(x^2 + b))/2"; }
                public java.util.List<ParamSpec> parameters() {
                    return java.util.List.of(ParamSpec.real("b", 4, 0, 100, "smoothness"));
                }
                public Activation create(Params p) {
                    float b = (float) p.real("b");
                    return () -> new LambdaBlock(l -> { var x = l.singletonOrThrow();
                        return new NDList(x.add(x.mul(x).add(b).sqrt()).div(2f)); }, "squareplus");
                }
            }
            """;
    private static final String ATTACK = """
            package thirdparty;
            import ai.djl.ndarray.NDArray;
            import java.util.Optional;
            import org.robustgrid.harness.spi.*;
            public final class SignNoise implements AttackProvider {
                public String id() { return "sign-noise"; }
                public String description() { return "x + eps * sign(uniform noise)"; }
                public java.util.List<ParamSpec> parameters() {
                    return java.util.List.of(ParamSpec.real("eps", 0.1, 0, 1, "radius"));
                }
                public Attack create(Params p) {
                    double eps = p.real("eps");
                    return new Attack() {
                        public NDArray perturb(Classifier m, NDArray x, NDArray y) {
                            return x.add(x.getManager().randomUniform(-1, 1, x.getShape()).sign().mul(eps)).clip(0f, 1f);
                        }
                        public Optional<Budget> budget() { return Optional.of(new Budget(Budget.Norm.LINF, eps)); }
                        public boolean usesGradients() { return false; }
                    };
                }
            }
            """;
    private static final String STRATEGY = """
            package thirdparty;
            import ai.djl.ndarray.NDArray;
            import org.robustgrid.harness.spi.*;
            public final class Alone implements StrategyProvider {
                public String id() { return "alone"; }
                public String description() { return "centralized, from a drop-in jar"; }
                public Strategy create(Params p) {
                    return new Strategy() {
                        public boolean federated() { return false; }
                        public java.util.List<NDArray> aggregate(java.util.List<ClientUpdate> u) { return u.get(0).state(); }
                    };
                }
            }
            """;

    private static final String MODEL = """
            package thirdparty;
            import ai.djl.nn.SequentialBlock;
            import ai.djl.nn.Blocks;
            import ai.djl.nn.core.Linear;
            import org.robustgrid.harness.spi.*;
            public final class Flat implements ModelProvider {
                public String id() { return "flat"; }
                public String description() { return "flatten, hidden linear layer with the activation, linear head"; }
                public java.util.List<ParamSpec> parameters() {
                    return java.util.List.of(ParamSpec.integer("hidden", 16, 1, 1024, "hidden units"));
                }
                public Architecture create(Params p) {
                    int hidden = p.integer("hidden");
                    return (act, input, classes, layers) -> new SequentialBlock().add(Blocks.batchFlattenBlock())
                            .add(Linear.builder().setUnits(hidden).build()).add(act.newBlock())
                            .add(Linear.builder().setUnits(classes).build());
                }
            }
            """;

    @Test
    void aJarDroppedIntoThePluginFolderIsListedAndUsed(@TempDir Path tmp) throws Exception {
        Path src = tmp.resolve("src/thirdparty");
        Files.createDirectories(src);
        Files.writeString(src.resolve("Squareplus.java"), ACTIVATION);
        Files.writeString(src.resolve("SignNoise.java"), ATTACK);
        Files.writeString(src.resolve("Alone.java"), STRATEGY);
        Files.writeString(src.resolve("Flat.java"), MODEL);
        Path classes = tmp.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, new java.io.PrintStream(OutputStream.nullOutputStream()),
                "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                src.resolve("Squareplus.java").toString(), src.resolve("SignNoise.java").toString(), src.resolve("Alone.java").toString(),
                src.resolve("Flat.java").toString());
        assertEquals(0, rc, "compiling the third-party plugin");

        Path pluginDir = tmp.resolve("plugins");
        Files.createDirectories(pluginDir);
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(pluginDir.resolve("thirdparty-1.0.jar")))) {
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    jar.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                    jar.write(Files.readAllBytes(f));
                    jar.closeEntry();
                }
            }
            service(jar, "ActivationProvider", "thirdparty.Squareplus");
            service(jar, "AttackProvider", "thirdparty.SignNoise");
            service(jar, "StrategyProvider", "thirdparty.Alone");
            service(jar, "ModelProvider", "thirdparty.Flat");
        }

        StringWriter out = new StringWriter();
        CommandLine cl = Main.commandLine(new Main());
        cl.setOut(new PrintWriter(out));
        assertEquals(0, cl.execute("--plugins", pluginDir.toString(), "plugins"));
        assertTrue(out.toString().contains("squareplus") && out.toString().contains("thirdparty-1.0.jar"), out.toString());
        assertTrue(out.toString().contains("sign-noise"), out.toString());

        Path runDir = tmp.resolve("run");
        StringWriter err = new StringWriter();
        CommandLine run = Main.commandLine(new Main());
        run.setOut(new PrintWriter(new StringWriter()));
        run.setErr(new PrintWriter(err));
        int code = run.execute("--plugins", pluginDir.toString(), "run", "--dataset", "synthetic(channels=1,size=8,classes=2,train=64,test=32)",
                "--model", "flat(hidden=8)", "--activations", "squareplus(b=1)", "--train-attacks", "sign-noise(eps=0.05)",
                "--eval-attacks", "sign-noise", "--strategies", "alone", "--epochs", "1", "--batch", "32", "--out", runDir.toString());
        assertEquals(0, code, err.toString());
        List<ResultRow> rows = ResultsStore.read(runDir.resolve("results.csv"));
        assertEquals(1, rows.size());
        assertEquals("squareplus(b=1)", rows.get(0).get(Column.ACTIVATION));
        assertEquals("sign-noise(eps=0.1)", rows.get(0).get(Column.ATTACK));

        // a second jar with a new attack: the rerun evaluates the stored model and trains nothing
        String second = ATTACK.replace("SignNoise", "SignFlip").replace("\"sign-noise\"", "\"sign-flip\"");
        Path src2 = tmp.resolve("src2/thirdparty");
        Files.createDirectories(src2);
        Files.writeString(src2.resolve("SignFlip.java"), second);
        Path classes2 = tmp.resolve("classes2");
        Files.createDirectories(classes2);
        assertEquals(0, javac.run(null, null, null, "-d", classes2.toString(), "-cp", System.getProperty("java.class.path"),
                src2.resolve("SignFlip.java").toString()));
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(pluginDir.resolve("more-attacks-1.0.jar")))) {
            try (Stream<Path> files = Files.walk(classes2)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    jar.putNextEntry(new JarEntry(classes2.relativize(f).toString().replace('\\', '/')));
                    jar.write(Files.readAllBytes(f));
                    jar.closeEntry();
                }
            }
            service(jar, "AttackProvider", "thirdparty.SignFlip");
        }
        StringWriter rerunOut = new StringWriter();
        CommandLine rerun = Main.commandLine(new Main());
        rerun.setOut(new PrintWriter(rerunOut));
        rerun.setErr(new PrintWriter(new StringWriter()));
        assertEquals(0, rerun.execute("--plugins", pluginDir.toString(), "run", "--dataset", "synthetic(channels=1,size=8,classes=2,train=64,test=32)",
                "--model", "flat(hidden=8)", "--activations", "squareplus(b=1)", "--train-attacks", "sign-noise(eps=0.05)",
                "--eval-attacks", "sign-noise,sign-flip", "--strategies", "alone", "--epochs", "1", "--batch", "32", "--out", runDir.toString()));
        assertTrue(rerunOut.toString().contains("trained 0 models (0 steps), wrote 1 rows, skipped 1 done"), rerunOut.toString());
        List<ResultRow> after = ResultsStore.read(runDir.resolve("results.csv"));
        assertEquals(3, after.size());
        assertEquals("sign-flip(eps=0.1)", after.get(1).get(Column.ATTACK));
        assertEquals(rows.get(0).get(Column.TRAIN_STEPS), after.get(1).get(Column.TRAIN_STEPS));
        // both attacks share a budget, so the model now has a worst case over the two, made from stored outcomes
        ResultRow worst = after.get(2);
        assertTrue(WorstCase.is(worst), worst.attack());
        assertEquals(2, WorstCase.attacks(worst));
        assertTrue(worst.measures().robustAcc() <= Math.min(after.get(0).measures().robustAcc(), after.get(1).measures().robustAcc()),
                after.toString());

        // killed after the last attack's row but before the worst case: the rerun attacks nothing and writes the worst case
        List<String> lines = Files.readAllLines(runDir.resolve("results.csv"));
        Files.write(runDir.resolve("results.csv"), lines.subList(0, lines.size() - 1));
        CommandLine again = Main.commandLine(new Main());
        StringWriter againOut = new StringWriter();
        again.setOut(new PrintWriter(againOut));
        again.setErr(new PrintWriter(new StringWriter()));
        assertEquals(0, again.execute("--plugins", pluginDir.toString(), "run", "--dataset", "synthetic(channels=1,size=8,classes=2,train=64,test=32)",
                "--model", "flat(hidden=8)", "--activations", "squareplus(b=1)", "--train-attacks", "sign-noise(eps=0.05)",
                "--eval-attacks", "sign-noise,sign-flip", "--strategies", "alone", "--epochs", "1", "--batch", "32", "--out", runDir.toString()));
        assertTrue(againOut.toString().contains("trained 0 models (0 steps), wrote 0 rows, skipped 2 done"), againOut.toString());
        List<ResultRow> restored = ResultsStore.read(runDir.resolve("results.csv"));
        assertEquals(worst.evalKey(), restored.get(2).evalKey());
    }

    @Test
    void twoProvidersWithOneIdFailNamingBothJars(@TempDir Path tmp) throws Exception {
        Path pluginDir = tmp.resolve("plugins");
        Files.createDirectories(pluginDir);
        for (String name : new String[] {"alpha", "beta"}) {
            String source = ACTIVATION.replace("package thirdparty;", "package " + name + ";");
            Path src = tmp.resolve(name + "-src/" + name);
            Files.createDirectories(src);
            Files.writeString(src.resolve("Squareplus.java"), source);
            Path classes = tmp.resolve(name + "-classes");
            Files.createDirectories(classes);
            assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), "-cp",
                    System.getProperty("java.class.path"), src.resolve("Squareplus.java").toString()));
            try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(pluginDir.resolve(name + ".jar")))) {
                Path cls = classes.resolve(name + "/Squareplus.class");
                jar.putNextEntry(new JarEntry(name + "/Squareplus.class"));
                jar.write(Files.readAllBytes(cls));
                jar.closeEntry();
                service(jar, "ActivationProvider", name + ".Squareplus");
            }
        }
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine(new Main());
        cl.setErr(new PrintWriter(err));
        assertEquals(2, cl.execute("--plugins", pluginDir.toString(), "plugins"));
        assertTrue(err.toString().contains("two activation plugins have id 'squareplus'"), err.toString());
        assertTrue(err.toString().contains("alpha.jar") && err.toString().contains("beta.jar"), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
    }

    private static void service(JarOutputStream jar, String kind, String impl) throws Exception {
        jar.putNextEntry(new JarEntry("META-INF/services/org.robustgrid.harness.spi." + kind));
        jar.write((impl + "\n").getBytes(StandardCharsets.UTF_8));
        jar.closeEntry();
    }
}
