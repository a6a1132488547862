package org.robustgrid.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.robustgrid.harness.Version;

/**
 * {@code robustgrid new-plugin}: the files of each kind's project, its names derived from the id, its main
 * classes compiling against the SPI, and bad input refused in one line with exit code 2, writing nothing.
 * (That a generated project builds, passes the test kit and runs in a grid is scripts/new-plugin-it.sh.)
 */
class NewPluginCommandTest {

    private static final String SPI = "org.robustgrid.harness.spi.";

    private static CliTest.Result newPlugin(String kind, String id, String pkg, Path dir) {
        return CliTest.run("new-plugin", "--kind", kind, "--id", id, "--package", pkg, "--dir", dir.toString());
    }

    @Test
    void classNamesComeFromTheId() {
        assertEquals("MyAttack", new PluginTemplate(org.robustgrid.harness.spi.PluginKind.ATTACK, "my-attack", "a.b", "0").className());
        assertEquals("L2Step3", new PluginTemplate(org.robustgrid.harness.spi.PluginKind.ATTACK, "l2-step-3", "a.b", "0").className());
        assertEquals("Squash", new PluginTemplate(org.robustgrid.harness.spi.PluginKind.ACTIVATION, "squash", "a.b", "0").className());
    }

    @ParameterizedTest
    @ValueSource(strings = {"attack", "activation", "partitioner", "strategy", "model"})
    void writesAProjectWhoseMainClassesCompileAgainstTheSpi(String kind, @TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("my-" + kind);
        CliTest.Result r = newPlugin(kind, "my-" + kind, "org.example.p" + kind, dir);
        assertEquals(0, r.code(), r.err());
        String name = "My" + Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
        String src = "org/example/p" + kind + "/";
        String service = SPI + Character.toUpperCase(kind.charAt(0)) + kind.substring(1) + "Provider";
        List<String> expected = List.of("README.md", "pom.xml", "src/main/java/" + src + name + ".java",
                "src/main/java/" + src + name + "Provider.java", "src/main/resources/META-INF/services/" + service,
                "src/test/java/" + src + name + "ContractTest.java");
        assertEquals(expected, files(dir));
        for (String f : expected) {
            assertTrue(r.out().contains("  " + f + "\n"), "listed: " + f + " in " + r.out());
            assertFalse(read(dir, f).contains("${"), f + " has a placeholder left");
        }
        assertEquals("org.example.p" + kind + "." + name + "Provider", read(dir, "src/main/resources/META-INF/services/" + service).strip());
        String pom = read(dir, "pom.xml");
        assertTrue(pom.contains("<artifactId>robustgrid-plugin-parent</artifactId>\n    <version>" + Version.get() + "</version>"), pom);
        assertTrue(pom.contains("<groupId>org.example.p" + kind + "</groupId>\n  <artifactId>robustgrid-my-" + kind
                + "</artifactId>\n  <version>0.1.0</version>"), pom);
        assertTrue(read(dir, "src/main/java/" + src + name + "Provider.java").contains("return \"my-" + kind + "\";"));
        assertTrue(read(dir, "src/test/java/" + src + name + "ContractTest.java").contains("class " + name + "ContractTest extends "
                + Character.toUpperCase(kind.charAt(0)) + kind.substring(1) + "ContractTest"));

        Path classes = tmp.resolve("classes");
        Files.createDirectories(classes);
        int javac = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                dir.resolve("src/main/java/" + src + name + ".java").toString(), dir.resolve("src/main/java/" + src + name + "Provider.java").toString());
        assertEquals(0, javac, "the generated main classes do not compile");
        assertTrue(Files.exists(classes.resolve(src + name + "Provider.class")));
    }

    @Test
    void badInputIsOneLineAndWritesNothing(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("p");
        assertRefused(newPlugin("attak", "my-attack", "org.example.a", dir), "--kind is 'attak'; expected one of activation, attack, partitioner,"
                + " strategy");
        assertRefused(newPlugin("attack", "MyAttack", "org.example.a", dir), "--id is 'MyAttack'; expected lower-kebab");
        assertRefused(newPlugin("attack", "my_attack", "org.example.a", dir), "--id is 'my_attack'; expected lower-kebab");
        assertRefused(newPlugin("attack", "my-attack", "org.example.class", dir), "--package is 'org.example.class'; expected a Java package");
        assertRefused(newPlugin("attack", "my-attack", "org..a", dir), "--package is 'org..a'; expected a Java package");
        assertRefused(newPlugin("attack", "my-attack", "org.robustgrid.harness.spi.mine", dir), "inside org.robustgrid.harness,");
        assertRefused(newPlugin("attack", "attack", "org.example.a", dir), "--id 'attack' would declare Attack, AttackContractTest, AttackProvider,"
                + " names the attack template already uses; expected another id");
        assertRefused(newPlugin("strategy", "override", "org.example.a", dir), "--id 'override' would declare Override, names the strategy template");
        assertFalse(Files.exists(dir), "a refused command wrote " + dir);

        Files.createDirectories(dir);
        Files.writeString(dir.resolve("notes.txt"), "mine");
        assertRefused(newPlugin("attack", "my-attack", "org.example.a", dir), "--dir " + dir + " is not empty; expected a new or empty folder");
        assertEquals(List.of("notes.txt"), files(dir));
        assertRefused(newPlugin("attack", "my-attack", "org.example.a", dir.resolve("notes.txt")), "is a file");
        assertEquals(Main.BAD_INPUT, CliTest.run("new-plugin", "--kind", "attack", "--id", "my-attack", "--package", "org.example.a").code(),
                "--dir missing");
    }

    @Test
    void anEmptyFolderIsUsed(@TempDir Path tmp) throws IOException {
        assertEquals(0, newPlugin("partitioner", "deal", "org.example.deal", tmp).code());
        assertTrue(Files.exists(tmp.resolve("src/main/java/org/example/deal/DealProvider.java")));
    }

    private static void assertRefused(CliTest.Result r, String message) {
        CliTest.assertOneLine(r);
        assertTrue(r.err().contains(message), r.err());
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            List<String> out = new ArrayList<>(s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/')).toList());
            out.sort(null);
            return out;
        }
    }

    private static String read(Path dir, String file) throws IOException {
        return Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
    }
}
