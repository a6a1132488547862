package org.robustgrid.harness.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.robustgrid.harness.spi.PluginKind;

/**
 * The project {@code robustgrid new-plugin} writes for one plugin kind, from the templates under
 * {@code templates/<kind>/} and {@code templates/common/}: each file's text with its {@code ${key}}
 * placeholders replaced.
 *
 * @param kind the plugin kind
 * @param id the plugin id, lower-kebab
 * @param pkg the Java package, also the project's groupId
 * @param robustgridVersion the version of robustgrid-plugin-parent the project builds on
 */
record PluginTemplate(PluginKind kind, String id, String pkg, String robustgridVersion) {

    /** The new project's own version. */
    static final String VERSION = "0.1.0";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z]+)}");
    private static final Pattern TYPE_NAME = Pattern.compile("\\b[A-Z][A-Za-z0-9]*\\b");
    private static final Pattern COMMENT_OR_STRING = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*|\"(?:\\\\.|[^\"\\\\])*\"");

    /** The Java classes' common name: the id in upper camel case, {@code my-attack} to {@code MyAttack}. */
    String className() {
        StringBuilder sb = new StringBuilder();
        for (String word : id.split("-")) {
            sb.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
        }
        return sb.toString();
    }

    /** The project's artifactId: {@code robustgrid-<id>}. */
    String artifactId() {
        return "robustgrid-" + id;
    }

    /** The jar {@code mvn package} builds, relative to the project's folder. */
    String jar() {
        return "target/" + artifactId() + "-" + VERSION + ".jar";
    }

    /** Every file of the project, by path relative to its folder, in writing order. */
    Map<String, String> files() {
        String name = className();
        String src = pkg.replace('.', '/') + "/";
        Map<String, String> files = new LinkedHashMap<>();
        files.put("pom.xml", render("common/pom.xml.tmpl"));
        files.put("README.md", render("common/README.md.tmpl"));
        files.put("src/main/java/" + src + name + "Provider.java", render(kind.label() + "/Provider.java.tmpl"));
        files.put("src/main/java/" + src + name + ".java", render(kind.label() + "/Plugin.java.tmpl"));
        files.put("src/main/resources/META-INF/services/" + kind.providerType().getName(), render("common/services.tmpl"));
        files.put("src/test/java/" + src + name + "ContractTest.java", render(kind.label() + "/ContractTest.java.tmpl"));
        return files;
    }

    /**
     * The type names the kind's Java templates use (imports, {@code String}, {@code Override}): a class
     * the template writes must not take one of them, or the generated code would not compile.
     */
    Set<String> takenTypeNames() {
        Set<String> taken = new TreeSet<>();
        for (String file : new String[] {"Provider", "Plugin", "ContractTest"}) {
            String code = COMMENT_OR_STRING.matcher(PLACEHOLDER.matcher(text(kind.label() + "/" + file + ".java.tmpl")).replaceAll(""))
                    .replaceAll(" ");
            Matcher m = TYPE_NAME.matcher(code);
            while (m.find()) {
                taken.add(m.group());
            }
        }
        return taken;
    }

    /** The class names the project declares. */
    Set<String> declaredClasses() {
        String name = className();
        return Set.of(name, name + "Provider", name + "ContractTest");
    }

    private Map<String, String> values() {
        return Map.ofEntries(Map.entry("id", id), Map.entry("package", pkg), Map.entry("packagePath", pkg.replace('.', '/')),
                Map.entry("Name", className()), Map.entry("artifactId", artifactId()), Map.entry("version", VERSION),
                Map.entry("kind", kind.label()), Map.entry("robustgridVersion", robustgridVersion), Map.entry("description", description()),
                Map.entry("serviceType", kind.providerType().getName()), Map.entry("runFlag", runFlags()));
    }

    /** The provider's one-line description. */
    private String description() {
        return switch (kind) {
            case ATTACK -> "one signed-gradient step of size eps, L-inf (FGSM)";
            case ACTIVATION -> "scaled tanh scale*tanh(x/scale), saturating at -scale and +scale";
            case PARTITIONER -> "IID: a seeded shuffle dealt round-robin, client sizes within one";
            case STRATEGY -> "plain federated averaging: the unweighted mean of the clients' states";
            case MODEL -> "a multilayer perceptron: flatten, a hidden layer with the activation, a linear head";
        };
    }

    /** The flags of a one-cell grid on the quick preset that uses the plugin. */
    private String runFlags() {
        return "--preset quick " + switch (kind) {
            case ATTACK -> "--eval-attacks " + id;
            case ACTIVATION -> "--activations " + id;
            case PARTITIONER -> "--strategies fedavg --partitioners " + id + " --clients 4 --rounds 2";
            case STRATEGY -> "--strategies " + id + " --clients 4 --rounds 2";
            case MODEL -> "--model " + id;
        };
    }

    private String render(String template) {
        Map<String, String> values = values();
        Matcher m = PLACEHOLDER.matcher(text(template));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("template " + template + " has an unknown placeholder " + m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    private static String text(String template) {
        String path = "/templates/" + template;
        try (InputStream in = PluginTemplate.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no template " + path + " in the harness jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The kind a word names: {@code attack}, {@code activation}, {@code partitioner}, {@code strategy} or {@code model}; null for another word. */
    static PluginKind kindOf(String word) {
        for (PluginKind k : PluginKind.values()) {
            if (k.label().equals(word)) {
                return k;
            }
        }
        return null;
    }
}
