package org.robustgrid.harness.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.robustgrid.harness.engine.IsaCheck.Outcome;
import org.robustgrid.harness.engine.IsaCheck.Probe;

/** The step-down logic and the reading of a child's output, without children. */
class IsaCheckTest {

    private static final Set<String> AVX512_CPU = Set.of("sse4_1", "avx", "avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512dq");
    private static final Set<String> AVX2_CPU = Set.of("sse4_1", "avx", "avx2", "fma");

    /** Wrong at every level in {@code wrong}, correct elsewhere; records the levels asked. */
    private static IsaCheck.Prober wrongAt(List<String> asked, String... wrong) {
        return isa -> {
            asked.add(isa);
            return List.of(wrong).contains(isa) ? new Probe(isa, Outcome.WRONG, "input-gradient off", "x")
                    : new Probe(isa, Outcome.CORRECT, "fine", "oneDNN " + isa);
        };
    }

    @Test
    void correctAtTheTopStopsThere() {
        List<String> asked = new ArrayList<>();
        IsaCheck.Result r = IsaCheck.walk(AVX512_CPU, wrongAt(asked));
        assertEquals("ALL", r.isa());
        assertEquals(List.of("ALL"), asked);
        assertEquals("correct at ALL", r.summary());
    }

    @Test
    void stepsDownOnlyPastTheWrongLevels() {
        List<String> asked = new ArrayList<>();
        IsaCheck.Result r = IsaCheck.walk(AVX512_CPU, wrongAt(asked, "ALL", "AVX512_CORE", "AVX2"));
        assertEquals("AVX", r.isa());
        assertEquals(List.of("ALL", "AVX512_CORE", "AVX2", "AVX"), asked);
        assertEquals("wrong at ALL, AVX512_CORE, AVX2; correct at AVX", r.summary());
        assertTrue(r.complete());
    }

    @Test
    void skipsLevelsTheCpuDoesNotHave() {
        List<String> asked = new ArrayList<>();
        IsaCheck.Result r = IsaCheck.walk(AVX2_CPU, wrongAt(asked, "ALL"));
        assertEquals("AVX2", r.isa());
        assertEquals(List.of("ALL", "AVX2"), asked, "AVX512_CORE on an AVX2 CPU would run what ALL ran");
    }

    @Test
    void wrongEverywhereChoosesNothing() {
        List<String> asked = new ArrayList<>();
        IsaCheck.Result r = IsaCheck.walk(AVX2_CPU, wrongAt(asked, "ALL", "AVX2", "AVX", "SSE41"));
        assertNull(r.isa());
        assertEquals(4, r.tried().size());
        assertTrue(r.complete());
    }

    @Test
    void aChildThatCannotRunStopsTheWalkWithoutAVerdict() {
        List<String> asked = new ArrayList<>();
        IsaCheck.Result r = IsaCheck.walk(AVX512_CPU, isa -> {
            asked.add(isa);
            return isa.equals("ALL") ? new Probe(isa, Outcome.WRONG, "off", "") : new Probe(isa, Outcome.NOT_RUN, "timed out", "");
        });
        assertNull(r.isa());
        assertFalse(r.complete());
        assertEquals(List.of("ALL", "AVX512_CORE"), asked, "a timeout says nothing about the kernels: no further step down");
    }

    @Test
    void readsTheChildsVerdictExitCodeAndOneDnnsIsa() {
        List<String> out = List.of("probe engine=PyTorch 2.7.1",
                "onednn_verbose,v1,info,cpu,isa:Intel AVX2",
                "onednn_verbose,v1,primitive,exec,cpu,convolution,jit:avx2,...",
                "probe verdict=wrong input-gradient of conv 64->64 k3 s1 @32x32: relative error 0.93 (tolerance 2e-04)");
        Probe wrong = IsaCheck.read("AVX2", ConvGradientProbe.WRONG, out);
        assertEquals(Outcome.WRONG, wrong.outcome());
        assertEquals("Intel AVX2", wrong.onednnIsa());
        assertTrue(wrong.detail().startsWith("input-gradient of conv 64->64"), wrong.detail());

        Probe ok = IsaCheck.read("ALL", 0, List.of("probe verdict=correct largest relative error 1e-06"));
        assertEquals(Outcome.CORRECT, ok.outcome());
        // exit 0 without a verdict line is not a pass
        assertEquals(Outcome.NOT_RUN, IsaCheck.read("ALL", 0, List.of("something else")).outcome());
        // a JVM aborted by a signal in a kernel: wrong
        assertEquals(Outcome.WRONG, IsaCheck.read("ALL", 134, List.of("# A fatal error has been detected")).outcome());
        // a JVM that could not load the engine or the class: no verdict
        assertEquals(Outcome.NOT_RUN, IsaCheck.read("ALL", ConvGradientProbe.NOT_RUN, List.of("probe verdict=not-run")).outcome());
        assertEquals(Outcome.NOT_RUN, IsaCheck.read("ALL", 1, List.of("Error: Could not find or load main class")).outcome());
    }

    @Test
    void relativeErrorIsNaNWhenTheResultHoldsANaN() {
        assertEquals(0.0, ConvGradientProbe.relativeError(new double[] {1, 2}, new double[] {1, 2}));
        assertEquals(0.5, ConvGradientProbe.relativeError(new double[] {3, 0}, new double[] {2, 0}), 1e-12);
        assertTrue(Double.isNaN(ConvGradientProbe.relativeError(new double[] {Double.NaN, 2}, new double[] {1, 2})),
                "a NaN must never pass the tolerance");
    }
}
