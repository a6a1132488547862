package org.robustgrid.harness.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What ./robustgrid hands the JVM: NativeEnvironment's glibc settings (read from the file this class
 * reads, not a copy), no oneDNN level of its own, and the user's settings left alone. Runs the real
 * script in a copy of the build layout with a fake {@code java} that prints its environment.
 */
class LauncherEnvironmentTest {

    @TempDir
    Path root;

    @BeforeEach
    void layout() throws IOException {
        Path bash = Path.of("/bin/bash");
        Path script = Path.of(System.getProperty("user.dir")).getParent().resolve("robustgrid");
        assumeTrue(Files.isExecutable(bash) && Files.isRegularFile(script), "needs bash and ./robustgrid");
        Files.copy(script, root.resolve("robustgrid"));
        Files.createDirectories(root.resolve("harness/target/lib"));
        Files.createFile(root.resolve("harness/target/harness-0.1.0.jar"));
        Path props = root.resolve("harness/target/classes/org/robustgrid/harness/engine/native-environment.properties");
        Files.createDirectories(props.getParent());
        try (InputStream in = NativeEnvironment.class.getResourceAsStream("native-environment.properties")) {
            Files.copy(in, props, StandardCopyOption.REPLACE_EXISTING);
        }
        Path java = root.resolve("bin/java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, "#!/bin/bash\necho \"GLIBC_TUNABLES=${GLIBC_TUNABLES-unset}\"\n"
                + "echo \"ONEDNN_MAX_CPU_ISA=${ONEDNN_MAX_CPU_ISA-unset}\"\n");
        assertTrue(java.toFile().setExecutable(true));
    }

    private List<String> launch(Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", root.resolve("robustgrid").toString(), "plugins").redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.equals("GLIBC_TUNABLES") || k.equals("ONEDNN_MAX_CPU_ISA")
                || k.equals("ROBUSTGRID_ALLOCATOR") || k.startsWith("MALLOC_"));
        pb.environment().put("PATH", root.resolve("bin") + ":" + System.getenv("PATH"));
        pb.environment().putAll(env);
        Process p = pb.start();
        List<String> out = List.of(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n"));
        out = new java.util.ArrayList<>(out);
        out.add("exit=" + p.waitFor());
        return out;
    }

    @Test
    void theJvmGetsNativeEnvironmentsGlibcSettingsAndNoIsaCap() throws Exception {
        assertEquals(List.of("GLIBC_TUNABLES=" + NativeEnvironment.GLIBC_TUNABLES, "ONEDNN_MAX_CPU_ISA=unset", "exit=0"), launch(Map.of()));
    }

    @Test
    void theUsersSettingsAreLeftAlone() throws Exception {
        assertEquals(List.of("GLIBC_TUNABLES=glibc.malloc.arena_max=2", "ONEDNN_MAX_CPU_ISA=AVX2", "exit=0"),
                launch(Map.of("GLIBC_TUNABLES", "glibc.malloc.arena_max=2", "ONEDNN_MAX_CPU_ISA", "AVX2")));
        assertEquals(List.of("GLIBC_TUNABLES=unset", "ONEDNN_MAX_CPU_ISA=unset", "exit=0"), launch(Map.of("ROBUSTGRID_ALLOCATOR", "system")));
        assertEquals(List.of("GLIBC_TUNABLES=unset", "ONEDNN_MAX_CPU_ISA=unset", "exit=0"), launch(Map.of("MALLOC_ARENA_MAX", "2")));
    }

    @Test
    void anUnknownAllocatorIsOneLineAndExitCodeTwo() throws Exception {
        List<String> out = launch(Map.of("ROBUSTGRID_ALLOCATOR", "tcmalloc"));
        assertEquals(2, out.size(), String.join("\n", out));
        assertTrue(out.get(0).startsWith("robustgrid: ROBUSTGRID_ALLOCATOR is 'tcmalloc'"), out.get(0));
        assertEquals("exit=2", out.get(1));
    }
}
