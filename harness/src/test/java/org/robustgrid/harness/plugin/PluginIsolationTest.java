package org.robustgrid.harness.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robustgrid.harness.spi.PluginKind;
import org.robustgrid.harness.spi.SpecException;
import org.robustgrid.harness.spi.SpiVersion;

/** Discovery that blames the right jar: SPI versions, declarations, one class loader per jar, digests. */
class PluginIsolationTest {

    /** An activation whose description comes from a library class {@code lib.Util} bundled in its jar. */
    private static String activation(String pkg, String id, String param) {
        return """
                package PKG;
                import ai.djl.ndarray.NDArray;
                import ai.djl.nn.Block;
                import java.util.List;
                import org.robustgrid.harness.spi.*;
                public final class Act implements ActivationProvider {
                    public String id() { return "ID"; }
                    public String description() { return lib.Util.name(); }
                    public List<ParamSpec> parameters() { return List.of(ParamSpec.real("PARAM", 1, 0, 2, "a slope")); }
                    public Activation create(Params p) {
                        return new Activation() {
                            public NDArray apply(NDArray x) { return x; }
                            public Block newBlock() { throw new UnsupportedOperationException(); }
                        };
                    }
                }
                """.replace("PKG", pkg).replace("ID", id).replace("PARAM", param);
    }

    private static String util(String name) {
        return "package lib; public final class Util { public static String name() { return \"" + name + "\"; } }";
    }

    /** Compiles sources (file name to text) against the test class path into a jar with a service file and a manifest. */
    static Path jar(Path tmp, Path dir, String name, Map<String, String> sources, String provider, String spiVersion) throws Exception {
        Path src = tmp.resolve("src-" + name);
        Path classes = tmp.resolve("classes-" + name);
        Files.createDirectories(classes);
        String[] args = new String[sources.size() + 4];
        args[0] = "-d";
        args[1] = classes.toString();
        args[2] = "-cp";
        args[3] = System.getProperty("java.class.path");
        int i = 4;
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path f = src.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
            args[i++] = f.toString();
        }
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, new PrintStream(OutputStream.nullOutputStream()), args));
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, "1.0");
        if (spiVersion != null) {
            mf.getMainAttributes().putValue(PluginJar.SPI_ATTRIBUTE, spiVersion);
        }
        Files.createDirectories(dir);
        Path jar = dir.resolve(name + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), mf); Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/services/org.robustgrid.harness.spi.ActivationProvider"));
            out.write((provider + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    @Test
    void twoJarsCarryTwoVersionsOfOneLibrary(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("plugins");
        jar(tmp, dir, "a", Map.of("a/Act.java", activation("a", "act-a", "slope"), "lib/Util.java", util("library 1")), "a.Act",
                SpiVersion.CURRENT);
        jar(tmp, dir, "b", Map.of("b/Act.java", activation("b", "act-b", "slope"), "lib/Util.java", util("library 2")), "b.Act",
                SpiVersion.CURRENT);
        PluginRegistry r = PluginRegistry.discover(List.of(dir));
        assertEquals("library 1", r.info(PluginKind.ACTIVATION, "act-a").provider().description());
        assertEquals("library 2", r.info(PluginKind.ACTIVATION, "act-b").provider().description());
        assertEquals("a.jar", r.info(PluginKind.ACTIVATION, "act-a").source());
    }

    @Test
    void aJarForAnotherSpiIsRefusedNamingBothVersions(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("plugins");
        jar(tmp, dir, "future", Map.of("a/Act.java", activation("a", "act-a", "slope"), "lib/Util.java", util("x")), "a.Act", "99.0");
        SpecException e = assertThrows(SpecException.class, () -> PluginRegistry.discover(List.of(dir)));
        assertEquals("plugin jar future.jar was built for robustgrid SPI 99.0, this harness has SPI " + SpiVersion.CURRENT
                + "; rebuild the plugin against this harness or use a matching one", e.getMessage());
    }

    @Test
    void aPluginReachingIntoTheHarnessFailsNamingItsJar(@TempDir Path tmp) throws Exception {
        Path dir2 = tmp.resolve("plugins2");
        String reach = activation("b", "act-b", "slope").replace("lib.Util.name()", "org.robustgrid.harness.grid.GridSpec.presets().toString()");
        jar(tmp, dir2, "reach", Map.of("b/Act.java", reach), "b.Act", SpiVersion.CURRENT);
        SpecException e = assertThrows(SpecException.class, () -> PluginRegistry.discover(List.of(dir2)));
        assertTrue(e.getMessage().startsWith("activation plugin 'act-b' (b.Act from reach.jar) failed while declaring itself:"
                + " java.lang.NoClassDefFoundError: org/robustgrid/harness/grid/GridSpec; a plugin may use only java."), e.getMessage());
    }

    @Test
    void aBadDeclarationIsRefusedAtStartUpNamingTheJar(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("plugins");
        jar(tmp, dir, "camel", Map.of("a/Act.java", activation("a", "act-a", "maxSlope"), "lib/Util.java", util("x")), "a.Act",
                SpiVersion.CURRENT);
        SpecException e = assertThrows(SpecException.class, () -> PluginRegistry.discover(List.of(dir)));
        assertTrue(e.getMessage().startsWith("activation plugin 'act-a' (a.Act from camel.jar): parameter name 'maxSlope' is not lower-kebab"), e.getMessage());
    }

    @Test
    void aChangedJarHasAnotherDigestAndARebuiltOneTheSame(@TempDir Path tmp) throws Exception {
        Path one = jar(tmp.resolve("1"), tmp.resolve("p1"), "x", Map.of("a/Act.java", activation("a", "act-a", "slope"), "lib/Util.java",
                util("v1")), "a.Act", SpiVersion.CURRENT);
        Path same = jar(tmp.resolve("2"), tmp.resolve("p2"), "x", Map.of("a/Act.java", activation("a", "act-a", "slope"), "lib/Util.java",
                util("v1")), "a.Act", SpiVersion.CURRENT);
        Path changed = jar(tmp.resolve("3"), tmp.resolve("p3"), "x", Map.of("a/Act.java", activation("a", "act-a", "slope"), "lib/Util.java",
                util("v2")), "a.Act", SpiVersion.CURRENT);
        assertEquals(PluginJar.read(one).digest(), PluginJar.read(same).digest());
        assertNotEquals(PluginJar.read(one).digest(), PluginJar.read(changed).digest());
    }

    @Test
    void pluginsFoldersAddToEachOther(@TempDir Path tmp) throws Exception {
        jar(tmp, tmp.resolve("one"), "a", Map.of("a/Act.java", activation("a", "act-a", "slope"), "lib/Util.java", util("x")), "a.Act",
                SpiVersion.CURRENT);
        jar(tmp, tmp.resolve("two"), "b", Map.of("b/Act.java", activation("b", "act-b", "slope"), "lib/Util.java", util("y")), "b.Act",
                SpiVersion.CURRENT);
        java.io.StringWriter out = new java.io.StringWriter();
        picocli.CommandLine cli = org.robustgrid.harness.cli.Main.commandLine(new org.robustgrid.harness.cli.Main());
        cli.setOut(new java.io.PrintWriter(out));
        assertEquals(0, cli.execute("--plugins", tmp.resolve("one").toString(), "--plugins", tmp.resolve("two").toString(), "plugins"));
        assertTrue(out.toString().contains("act-a") && out.toString().contains("act-b"), out.toString());
    }

    @Test
    void theModelKeyRecordsThePluginsCodeButNotTheEvalAttacks() {
        var plan = org.robustgrid.harness.grid.GridPlan.of(org.robustgrid.harness.grid.GridSpec.defaults().with(Map.of("dataset", "synthetic",
                "model", "small-cnn(width=4)", "activations", "relu", "train-attacks", "fgsm(eps=0.1)", "eval-attacks", "fgsm(eps=0.2)",
                "strategies", "centralized")), PluginRegistry.of(org.robustgrid.harness.fixtures.TestPlugins.all()));
        var cell = plan.cells().get(0);
        String digests = String.join(",", cell.plugins().stream().map(p -> p.info().digest()).toList());
        assertTrue(cell.trainingKey().endsWith("|code=" + digests), cell.trainingKey());
        assertEquals(3, cell.plugins().size(), "activation, training attack, strategy");
    }
}
