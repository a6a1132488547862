package org.robustgrid.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.lang.model.SourceVersion;
import org.robustgrid.harness.Version;
import org.robustgrid.harness.spi.Names;
import org.robustgrid.harness.spi.PluginKind;
import org.robustgrid.harness.spi.SpecException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code robustgrid new-plugin}: writes a plugin project that builds, passes the test kit and runs in a
 * grid as it is (a real small plugin of its kind), for the author to change into theirs.
 */
@Command(name = "new-plugin", description = "Write a new plugin project: pom.xml on robustgrid-plugin-parent, the provider and the plugin,"
        + " its META-INF/services file, a contract test and a README.")
final class NewPluginCommand implements Callable<Integer> {

    /** Packages whose classes a plugin jar cannot own: the JDK's, DJL's and the harness's. */
    private static final List<String> RESERVED = List.of("java", "javax", "jdk", "ai.djl", "org.slf4j", "org.robustgrid.harness");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--kind", required = true, paramLabel = "KIND", description = "attack, activation, partitioner, strategy or model")
    String kind;

    @Option(names = "--id", required = true, paramLabel = "ID", description = "the plugin's id in specs, lower-kebab: my-attack")
    String id;

    @Option(names = "--package", required = true, paramLabel = "PKG", description = "the Java package, also the groupId: org.example.myattack")
    String pkg;

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "the project's folder; new, or empty")
    Path dir;

    @Override
    public Integer call() {
        PluginKind k = PluginTemplate.kindOf(kind);
        if (k == null) {
            throw new SpecException("--kind is '" + kind + "'; expected one of "
                    + Arrays.stream(PluginKind.values()).map(PluginKind::label).collect(Collectors.joining(", ")));
        }
        if (!Names.isLowerKebab(id)) {
            throw new SpecException("--id is '" + id + "'; expected " + Names.RULE);
        }
        checkPackage(pkg);
        PluginTemplate template = new PluginTemplate(k, id, pkg, Version.get());
        Set<String> clash = new java.util.TreeSet<>(template.declaredClasses());
        clash.retainAll(template.takenTypeNames());
        if (!clash.isEmpty()) {
            throw new SpecException("--id '" + id + "' would declare " + String.join(", ", clash) + ", names the " + k.label()
                    + " template already uses; expected another id");
        }
        checkDir(dir);
        Map<String, String> files = template.files();
        try {
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path file = dir.resolve(f.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, f.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the project into " + dir, e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote the " + k.label() + " plugin '" + id + "' into " + dir + ":");
        files.keySet().forEach(f -> out.println("  " + f));
        out.println("next: cd " + dir + " && mvn package, then copy " + template.jar() + " into a folder"
                + " you pass to robustgrid with --plugins (README.md)");
        out.flush();
        return 0;
    }

    private static void checkPackage(String pkg) {
        if (!SourceVersion.isName(pkg)) {
            throw new SpecException("--package is '" + pkg + "'; expected a Java package name, identifiers that are not keywords"
                    + " joined by '.', like org.example.myattack");
        }
        for (String reserved : RESERVED) {
            if (pkg.equals(reserved) || pkg.startsWith(reserved + ".")) {
                throw new SpecException("--package is '" + pkg + "', inside " + reserved + ", whose classes a plugin cannot define;"
                        + " expected a package of your own, like org.example.myattack");
            }
        }
    }

    private static void checkDir(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new SpecException("--dir " + dir + " is a file; expected a new or empty folder");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                throw new SpecException("--dir " + dir + " is not empty; expected a new or empty folder");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
    }
}
