package org.robustgrid.harness.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Finds the highest oneDNN instruction set whose convolution gradients are correct on this machine,
 * by running {@link ConvGradientProbe} in a child JVM per level, from the top of {@link #LADDER} down,
 * and stopping at the first level that passes. A level is tried only if the CPU has it: oneDNN would
 * run a level the CPU lacks at the CPU's own level, which an earlier try already covered.
 */
final class IsaCheck {

    /** What one child said about one level. */
    enum Outcome { CORRECT, WRONG, NOT_RUN }

    /**
     * One level tried.
     *
     * @param isa the {@code ONEDNN_MAX_CPU_ISA} value
     * @param outcome correct, wrong (also: the child crashed in a kernel), or the child could not run
     * @param detail the child's verdict line, or why it could not run
     * @param onednnIsa what oneDNN said it dispatched to at that cap ({@code ""} when unknown)
     */
    record Probe(String isa, Outcome outcome, String detail, String onednnIsa) {}

    /** Runs the probe at one level; a child process in production, a function in tests. */
    @FunctionalInterface
    interface Prober {
        Probe probe(String isa);
    }

    /**
     * The levels tried and the one chosen.
     *
     * @param isa the highest level that was correct; null when none was, or when the check could not finish
     * @param tried every level tried, in order
     */
    record Result(String isa, List<Probe> tried) {
        /** False when a child could not run, so the answer says nothing about the kernels. */
        boolean complete() {
            return tried.stream().noneMatch(p -> p.outcome() == Outcome.NOT_RUN);
        }

        /** {@code wrong at ALL, AVX512_CORE; correct at AVX2}, for the message and the cache. */
        String summary() {
            List<String> wrong = tried.stream().filter(p -> p.outcome() == Outcome.WRONG).map(Probe::isa).toList();
            StringBuilder s = new StringBuilder();
            if (!wrong.isEmpty()) {
                s.append("wrong at ").append(String.join(", ", wrong));
            }
            if (isa != null) {
                s.append(s.isEmpty() ? "" : "; ").append("correct at ").append(isa);
            }
            tried.stream().filter(p -> p.outcome() == Outcome.NOT_RUN).findFirst()
                    .ifPresent(p -> s.append(s.isEmpty() ? "" : "; ").append("not run at ").append(p.isa()).append(": ").append(p.detail()));
            return s.toString();
        }
    }

    /**
     * A level and the {@code /proc/cpuinfo} flags a CPU needs for it. {@code ALL} is first so that new
     * kernels (AMX, AVX10) are used when they are correct.
     */
    record Rung(String isa, List<String> flags) {}

    static final List<Rung> LADDER = List.of(
            new Rung("ALL", List.of()),
            new Rung("AVX512_CORE", List.of("avx512f", "avx512bw", "avx512vl", "avx512dq")),
            new Rung("AVX2", List.of("avx2", "fma")),
            new Rung("AVX", List.of("avx")),
            new Rung("SSE41", List.of("sse4_1")));

    /** A child may take this long (JVM start, engine load, 14 shapes): generous for a loaded machine. */
    static final Duration CHILD_TIMEOUT = Duration.ofMinutes(5);

    private IsaCheck() {}

    /** Tries the levels this CPU has, top down, until one is correct or a child cannot run. */
    static Result walk(Set<String> cpuFlags, Prober prober) {
        List<Probe> tried = new ArrayList<>();
        for (Rung r : LADDER) {
            if (!cpuFlags.containsAll(r.flags())) {
                continue;
            }
            Probe p = prober.probe(r.isa());
            tried.add(p);
            if (p.outcome() == Outcome.CORRECT) {
                return new Result(r.isa(), List.copyOf(tried));
            }
            if (p.outcome() == Outcome.NOT_RUN) {
                return new Result(null, List.copyOf(tried));
            }
        }
        return new Result(null, List.copyOf(tried));
    }

    /**
     * A prober that starts {@code java ... ConvGradientProbe <isa>} on this JVM's class path, with
     * {@code ONEDNN_MAX_CPU_ISA=<isa>} and {@code extraEnv} added to this process's environment, and
     * oneDNN's verbose mode on so the child's output names the instruction set it dispatched to.
     */
    static Prober children(Map<String, String> extraEnv, List<String> systemProperties) {
        return isa -> {
            Path log = null;
            try {
                log = Files.createTempFile("robustgrid-onednn-check-", ".log");
                List<String> cmd = new ArrayList<>();
                cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                cmd.add("-Xmx1g");
                // a crash inside a kernel must not leave hs_err files in the user's folder
                cmd.add("-XX:ErrorFile=" + Path.of(System.getProperty("java.io.tmpdir"), "robustgrid-onednn-check-%p.log"));
                cmd.addAll(systemProperties);
                cmd.add("-cp");
                cmd.add(System.getProperty("java.class.path"));
                cmd.add(ConvGradientProbe.class.getName());
                cmd.add(isa);
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
                pb.environment().putAll(extraEnv);
                pb.environment().put(NativeEnvironment.ISA_VARIABLE, isa);
                pb.environment().put("ONEDNN_VERBOSE", "1");
                Process child = pb.start();
                if (!child.waitFor(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    child.destroyForcibly().waitFor();
                    return new Probe(isa, Outcome.NOT_RUN, "the check took longer than " + CHILD_TIMEOUT.toMinutes() + " minutes", "");
                }
                return read(isa, child.exitValue(), Files.readAllLines(log, StandardCharsets.UTF_8));
            } catch (IOException e) {
                return new Probe(isa, Outcome.NOT_RUN, "cannot start the check: " + e.getMessage(), "");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Probe(isa, Outcome.NOT_RUN, "interrupted", "");
            } finally {
                if (log != null) {
                    try {
                        Files.deleteIfExists(log);
                    } catch (IOException e) {
                        // a temporary file left behind is harmless
                    }
                }
            }
        };
    }

    /** Reads a child's exit code and output into a probe. */
    static Probe read(String isa, int exitCode, List<String> lines) {
        String verdict = "";
        String onednn = "";
        for (String line : lines) {
            if (line.startsWith("probe verdict=")) {
                verdict = line.substring("probe verdict=".length());
            }
            int at = line.indexOf(",info,cpu,isa:");
            if (line.startsWith("onednn_verbose") && at >= 0) {
                onednn = line.substring(at + ",info,cpu,isa:".length()).strip();
            }
        }
        if (exitCode == 0 && verdict.startsWith("correct")) {
            return new Probe(isa, Outcome.CORRECT, verdict, onednn);
        }
        if (exitCode == ConvGradientProbe.WRONG) {
            return new Probe(isa, Outcome.WRONG, verdict.replaceFirst("^wrong ", ""), onednn);
        }
        if (exitCode > 128) {
            // the JVM aborts on a signal in native code: a kernel that crashes is a wrong kernel
            return new Probe(isa, Outcome.WRONG, "the check crashed (exit code " + exitCode + ")", onednn);
        }
        String tail = lines.isEmpty() ? "no output" : lines.get(lines.size() - 1);
        return new Probe(isa, Outcome.NOT_RUN, "the check exited with code " + exitCode + ": " + tail, onednn);
    }
}
