package org.robustgrid.harness.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache: one answer per CPU, libtorch and thread count, in the XDG cache folder. */
class IsaCacheTest {

    private static final List<String> CPUINFO = List.of("processor\t: 0", "cpu family\t: 6", "model\t\t: 167",
            "model name\t: Intel(R) Xeon(R) Processor", "stepping\t: 1", "flags\t\t: fpu sse4_1 avx avx2 fma avx512f");

    @Test
    void anAnswerIsReadBackOnlyForTheSameKey(@TempDir Path dir) throws Exception {
        IsaCache.Key key = IsaCache.currentKey(Map.of("OMP_NUM_THREADS", "2"), CPUINFO);
        assertEquals(2, key.threads());
        assertTrue(key.cpu().startsWith("Intel(R) Xeon(R) Processor (family 6 model 167 stepping 1"), key.cpu());
        Path file = IsaCache.write(dir, key, Map.of("isa", "AVX2", "verdict", "wrong at ALL\nsecond line"));
        assertTrue(Files.readString(file).contains("verdict=wrong at ALL second line\n"), "one value, one line");
        assertEquals("AVX2", IsaCache.read(dir, key).orElseThrow().get("isa"));

        IsaCache.Key otherThreads = IsaCache.currentKey(Map.of("OMP_NUM_THREADS", "1"), CPUINFO);
        assertTrue(IsaCache.read(dir, otherThreads).isEmpty());
        List<String> fewerFlags = CPUINFO.stream().map(l -> l.replace(" avx512f", "")).toList();
        IsaCache.Key otherCpu = IsaCache.currentKey(Map.of("OMP_NUM_THREADS", "2"), fewerFlags);
        assertNotEquals(key.cpu(), otherCpu.cpu(), "a VM that hides AVX-512 is another machine for the check");
        assertTrue(IsaCache.read(dir, otherCpu).isEmpty());
        IsaCache.Key otherLibtorch = new IsaCache.Key(key.cpu(), "2.8.0 cpu linux-x86_64", 2);
        assertTrue(IsaCache.read(dir, otherLibtorch).isEmpty());
    }

    @Test
    void aFileWhoseKeyLinesDifferIsIgnored(@TempDir Path dir) throws Exception {
        IsaCache.Key key = new IsaCache.Key("cpu", "lib", 2);
        Path file = IsaCache.write(dir, key, Map.of("isa", "ALL"));
        Files.writeString(file, Files.readString(file).replace("key.threads=2", "key.threads=4"));
        assertTrue(IsaCache.read(dir, key).isEmpty());
    }

    @Test
    void folderIsXdgCacheHomeElseDotCache() {
        assertEquals(Path.of("/x/cache/robustgrid"), IsaCache.dir(Map.of("XDG_CACHE_HOME", "/x/cache")));
        assertEquals(Path.of(System.getProperty("user.home"), ".cache", "robustgrid"), IsaCache.dir(Map.of()));
        assertEquals(Path.of(System.getProperty("user.home"), ".cache", "robustgrid"), IsaCache.dir(Map.of("XDG_CACHE_HOME", "relative")),
                "the XDG spec ignores a relative path");
    }

    @Test
    void threadsAreOmpNumThreadsElseOnePerCpu() {
        assertEquals(3, IsaCache.threads(Map.of("OMP_NUM_THREADS", "3")));
        assertEquals(Runtime.getRuntime().availableProcessors(), IsaCache.threads(Map.of()));
    }
}
