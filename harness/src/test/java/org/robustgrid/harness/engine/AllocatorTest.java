package org.robustgrid.harness.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Freed tensor memory is kept and reused, not unmapped and faulted in again: without it glibc maps
 * every tensor above 32 MiB afresh, and a CPU training step spends more than half its time in the
 * kernel zeroing pages (NativeEnvironment.GLIBC_TUNABLES, docs/performance.md). The test runner sets the
 * launcher's glibc settings (both take them from NativeEnvironment's file; LauncherEnvironmentTest).
 */
class AllocatorTest {

    /** Above glibc's largest mmap threshold (32 MiB) and above a thread arena's 64 MiB heap. */
    private static final long BYTES = 96L << 20;

    @Test
    void largeTensorsReuseFreedMemoryInsteadOfFaultingItInAgain() throws IOException {
        Path stat = Path.of("/proc/self/stat");
        assumeTrue(Files.isReadable(stat), "needs /proc/self/stat (Linux)");
        assumeTrue(NativeEnvironment.GLIBC_TUNABLES.equals(System.getenv("GLIBC_TUNABLES")), "needs the launcher's GLIBC_TUNABLES");
        Engines.get();
        try (NDManager root = Engines.get().newBaseManager()) {
            cycle(root); // first touch of the memory the next cycles should reuse
            cycle(root);
            long before = minorFaults(stat);
            int cycles = 8;
            for (int i = 0; i < cycles; i++) {
                cycle(root);
            }
            long faults = minorFaults(stat) - before;
            long pagesPerCycle = BYTES / 4096;
            // Unmapped and mapped again, every cycle faults in every page of the tensor (24,576 here). With
            // reuse, a cycle takes fresh pages only when another thread's small allocation has landed at the
            // start of the freed block (seen once in a full test run), so allow two cycles' worth of eight.
            assertTrue(faults < 2 * pagesPerCycle,
                    faults + " page faults over " + cycles + " cycles of a " + (BYTES >> 20) + " MiB tensor; each cycle has "
                            + pagesPerCycle + " pages, so freed memory went back to the kernel");
        }
    }

    private static void cycle(NDManager root) {
        try (NDManager m = root.newSubManager()) {
            NDArray a = m.ones(new Shape(BYTES / Float.BYTES));
            a.muli(2f);
        }
    }

    /** The process's minor page faults so far (field 10 of /proc/self/stat). */
    private static long minorFaults(Path stat) throws IOException {
        String s = Files.readString(stat);
        String[] fields = s.substring(s.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[7]);
    }
}
