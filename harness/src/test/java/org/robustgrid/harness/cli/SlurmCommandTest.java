package org.robustgrid.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robustgrid.harness.plugin.PluginRegistry;
import org.robustgrid.harness.fixtures.TestPlugins;
import picocli.CommandLine;

class SlurmCommandTest {

    private static final String GRID = """
            dataset = synthetic(channels=1,size=12,classes=4)
            model = small-cnn(width=4)
            train-attacks = fgsm(eps=0.05)
            eval-attacks = fgsm(eps=0)
            lr-schedules = fixed,cosine,step
            """;

    /** Runs {@code robustgrid args} with sbatch searched for on {@code path}. */
    private static CliTest.Result run(String path, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine(new Main().withRegistry(PluginRegistry.of(TestPlugins.all())));
        ((SlurmCommand) cl.getSubcommands().get("slurm").getCommand()).searchPath = path;
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return new CliTest.Result(cl.execute(args), out.toString(), err.toString());
    }

    private static Path grid(Path tmp) throws Exception {
        Path g = tmp.resolve("tiny.grid");
        Files.writeString(g, GRID);
        return g;
    }

    /** A launcher that prints its arguments one per line: what each array task would run. */
    private static Path echoLauncher(Path tmp) throws Exception {
        Path l = tmp.resolve("bin/robustgrid");
        Files.createDirectories(l.getParent());
        Files.writeString(l, "#!/bin/bash\nprintf '%s\\n' \"$@\"\necho \"OMP_NUM_THREADS=$OMP_NUM_THREADS\"\n");
        l.toFile().setExecutable(true);
        return l;
    }

    @Test
    void theScriptRunsOneShardPerTaskIntoAFolderOfItsOwn(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("runs/tiny");
        CliTest.Result r = run("", "slurm", grid(tmp).toString(), "--shards", "3", "--out", out.toString(), "--launcher",
                echoLauncher(tmp).toString(), "--partition", "gpu", "--time", "1:00:00", "--gpus-per-task", "1", "--mem", "8G",
                "--cpus-per-task", "4", "--", "--epochs", "1", "--eval-attacks", "fgsm(eps=0.1)");
        assertEquals(0, r.code(), r.err());
        Path script = out.resolve("slurm-array.sh");
        String text = Files.readString(script);
        for (String line : List.of("#SBATCH --array=1-3", "#SBATCH --partition=gpu", "#SBATCH --time=1:00:00", "#SBATCH --gres=gpu:1",
                "#SBATCH --mem=8G", "#SBATCH --cpus-per-task=4", "#SBATCH --open-mode=append",
                "#SBATCH --output=" + out.resolve("logs") + "/shard-%a.log")) {
            assertTrue(text.contains(line + "\n"), line + " in\n" + text);
        }
        assertTrue(Files.isDirectory(out.resolve("logs")), "Slurm does not create the log folder");
        assertTrue(r.out().contains("sbatch " + script), r.out());
        assertTrue(r.out().contains(" merge -o " + out.resolve("results.csv") + " " + out + "/shard-*"), r.out());

        // what task 2 runs, through bash's own quoting
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
        pb.environment().put("SLURM_ARRAY_TASK_ID", "2");
        pb.environment().put("SLURM_JOB_ID", "7");
        pb.environment().put("SLURM_CPUS_PER_TASK", "4");
        Process p = pb.start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        List<String> args = new String(p.getInputStream().readAllBytes()).lines().toList();
        assertEquals(0, p.exitValue(), String.join("\n", args));
        assertEquals(List.of("run", grid(tmp).toAbsolutePath().toString(), "--shard", "2/3", "--out", out + "/shard-2", "--epochs", "1",
                "--eval-attacks", "fgsm(eps=0.1)", "--device", "gpu", "OMP_NUM_THREADS=4"), args.subList(1, args.size()));
    }

    @Test
    void aPresetRunsByNameAndOutsideSlurmTheScriptRefusesToRun(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("q");
        CliTest.Result r = run("", "slurm", "quick", "--shards", "1", "--out", out.toString(), "--launcher",
                echoLauncher(tmp).toString(), "--", "--train-attacks", "fgsm(eps=0.05)", "--eval-attacks", "fgsm");
        assertEquals(0, r.code(), r.err());
        String text = Files.readString(out.resolve("slurm-array.sh"));
        assertTrue(text.contains(" run --preset quick --shard \"${task}/1\""), text);
        assertFalse(text.contains("--device"), "no GPU asked for");
        Process p = new ProcessBuilder("bash", out.resolve("slurm-array.sh").toString()).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertTrue(p.exitValue() != 0, "no SLURM_ARRAY_TASK_ID");
    }

    @Test
    void runFlagsAreCheckedBeforeAnythingIsWritten(@TempDir Path tmp) throws Exception {
        Path g = grid(tmp);
        Path out = tmp.resolve("x");
        for (List<String> flags : List.of(List.of("--shard", "1/2"), List.of("--out", "elsewhere"), List.of("--no-such-flag"),
                List.of("--activations", "swishy"), List.of(g.toString()))) {
            String[] args = Stream.concat(Stream.of("slurm", g.toString(), "--shards", "2", "--out", out.toString(),
                    "--launcher", "/x/robustgrid", "--"), flags.stream()).toArray(String[]::new);
            CliTest.Result r = run("", args);
            CliTest.assertOneLine(r);
            assertFalse(Files.exists(out), flags + " wrote something");
        }
        CliTest.Result tooMany = run("", "slurm", g.toString(), "--shards", "4", "--out", out.toString(), "--launcher", "/x/robustgrid");
        CliTest.assertOneLine(tooMany);
        assertTrue(tooMany.err().contains("the grid has 3 models"), tooMany.err());
        CliTest.assertOneLine(run("", "slurm", "no-such-grid", "--shards", "1", "--launcher", "/x/robustgrid"));
    }

    @Test
    void submitNeedsSbatchOnThePathAndUsesIt(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("s");
        CliTest.Result none = run(tmp.resolve("empty").toString(), "slurm", grid(tmp).toString(), "--shards", "3", "--out",
                out.toString(), "--launcher", "/x/robustgrid", "--submit");
        CliTest.assertOneLine(none);
        assertTrue(none.err().contains("sbatch"), none.err());
        assertFalse(Files.exists(out));

        Path bin = tmp.resolve("fake");
        Files.createDirectories(bin);
        Path sbatch = bin.resolve("sbatch");
        Files.writeString(sbatch, "#!/bin/bash\necho \"$@\" > " + tmp.resolve("sbatch.args") + "\necho '42;local'\n");
        sbatch.toFile().setExecutable(true);
        CliTest.Result ok = run(bin.toString(), "slurm", grid(tmp).toString(), "--shards", "3", "--out", out.toString(),
                "--launcher", "/x/robustgrid", "--submit");
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("submitted job 42 (array tasks 1-3)"), ok.out());
        assertEquals("--parsable " + out.resolve("slurm-array.sh"), Files.readString(tmp.resolve("sbatch.args")).strip());
    }
}
