package org.robustgrid.harness.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Platform;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole check with real child JVMs and a reference made wrong on purpose at the top levels
 * ({@link ConvGradientProbe#PERTURB_PROPERTY}): the check must step down past them, cache the lower
 * level with its verdict, and say so.
 */
class IsaStepDownTest {

    @Test
    void aWrongReferenceAtTheTopLevelsStepsDownAndIsCached(@TempDir Path dir) throws Exception {
        assumeTrue(Platform.isLinux() && Platform.isIntel(), "oneDNN's ISA levels are x86");
        List<String> cpuinfo = IsaCache.cpuinfo();
        IsaCache.Key key = IsaCache.currentKey(System.getenv(), cpuinfo);
        IsaCheck.Prober children = IsaCheck.children(Map.of("OPT_OUT_TRACKING", "true"), List.of("-Dai.djl.offline=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=error", "-D" + ConvGradientProbe.PERTURB_PROPERTY + "=ALL,AVX512_CORE"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        NativeEnvironment.Decision d = NativeEnvironment.check(new PrintStream(err, true, StandardCharsets.UTF_8), key, dir,
                IsaCache.flags(cpuinfo), children);

        assertEquals(NativeEnvironment.Source.CHECKED, d.source());
        assertFalse(List.of("ALL", "AVX512_CORE").contains(d.isa()), "chose " + d.isa() + " although its reference was wrong");
        assertTrue(List.of("AVX2", "AVX", "SSE41").contains(d.isa()), d.isa());
        assertTrue(d.verdict().startsWith("wrong at ALL"), d.verdict());
        assertTrue(d.verdict().endsWith("correct at " + d.isa()), d.verdict());
        assertEquals("onednn-isa=" + d.isa() + " (checked)", d.label());

        String said = err.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("at ALL: input-gradient of conv"), said);
        Map<String, String> cached = IsaCache.read(dir, key).orElseThrow();
        assertEquals(d.isa(), cached.get("isa"));
        assertEquals(d.verdict(), cached.get("verdict"));
        assertTrue(Files.readString(dir.resolve(key.fileName())).contains("details=ALL: input-gradient of conv"));
    }
}
