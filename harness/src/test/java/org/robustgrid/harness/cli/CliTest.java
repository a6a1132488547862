package org.robustgrid.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IllegalFormatException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robustgrid.harness.plugin.PluginRegistry;
import org.robustgrid.harness.fixtures.TestPlugins;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

class CliTest {

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine(new Main().withRegistry(PluginRegistry.of(TestPlugins.all())));
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    static void assertOneLine(Result r) {
        assertEquals(Main.BAD_INPUT, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    }

    @Test
    void everyCommandPrintsItsHelp() {
        for (String command : new String[] {"run", "plugins", "leaderboard", "merge", "report", "partition", "bench", "slurm", "engine",
            "new-plugin", "verify", "compare"}) {
            Result r = run(command, "--help");
            assertEquals(0, r.code(), command + ": " + r.err());
            assertTrue(r.out().contains("Usage: robustgrid " + command), command + ": " + r.out());
        }
        assertTrue(run("run", "--help").out().contains("--eval-attacks"), "run's help lists the grid keys");
        String help = run("--help").out();
        assertTrue(help.contains("Exit codes:") && help.contains("3   a file could not be written"), help);
    }

    /** Picocli formats a command's description, header and footer with {@code String.format}: a bare {@code %} prints a warning and the raw text. */
    @Test
    void everyHelpTextIsAValidFormatString() {
        CommandLine root = Main.commandLine(new Main().withRegistry(PluginRegistry.of(TestPlugins.all())));
        List<CommandLine> commands = new ArrayList<>(List.of(root));
        commands.addAll(root.getSubcommands().values());
        for (CommandLine command : commands) {
            CommandSpec spec = command.getCommandSpec();
            List<String> texts = new ArrayList<>(List.of(spec.usageMessage().description()));
            texts.addAll(List.of(spec.usageMessage().header()));
            texts.addAll(List.of(spec.usageMessage().footer()));
            for (String text : texts) {
                try {
                    String.format(text);
                } catch (IllegalFormatException e) {
                    throw new AssertionError(spec.qualifiedName() + ": '" + text + "' is not a format string (" + e + "); write %% for %");
                }
            }
        }
    }

    @Test
    void modelsIsAnAxisAndModelItsOlderSpelling() {
        Result two = run("run", "--dry-run", "--train-attacks", "fgsm", "--eval-attacks", "fgsm", "--models", "small-cnn(width=4),res-cnn");
        assertEquals(0, two.code(), two.err());
        assertTrue(two.out().contains("models = small-cnn(width=4),res-cnn") && two.out().contains("# 2 models x"), two.out());
        Result one = run("run", "--dry-run", "--train-attacks", "fgsm", "--eval-attacks", "fgsm", "--model", "small-cnn(width=4)");
        assertEquals(0, one.code(), one.err());
        assertTrue(one.out().contains("# 1 models x"), one.out());
    }

    @Test
    void malformedSpecExitsTwoWithOneLine(@TempDir Path out) {
        Result r = run("run", "--dry-run", "--train-attacks", "fgsm", "--eval-attacks", "fgsm(eps=8/255", "--out", out.toString());
        assertOneLine(r);
        assertTrue(r.err().contains("malformed plugin spec 'fgsm(eps=8/255'"), r.err());
    }

    @Test
    void unknownIdNamesTheIdsThatExist() {
        Result r = run("run", "--dry-run", "--train-attacks", "fgsm", "--activations", "swishy");
        assertOneLine(r);
        assertTrue(r.err().contains("unknown activation 'swishy'; available: relu"), r.err());
    }

    @Test
    void badValueNamesTheKeyAndTheRange() {
        Result r = run("run", "--dry-run", "--train-attacks", "fgsm", "--eval-attacks", "fgsm(eps=2)");
        assertOneLine(r);
        assertTrue(r.err().contains("parameter 'eps' of 'fgsm' is '2'; expected a real in [0, 1]"), r.err());
    }

    @Test
    void unknownKeyIsRejected() {
        Result r = run("run", "--dry-run", "--train-attacks", "fgsm", "--eval-attacks", "fgsm(epsilon=0.1)");
        assertOneLine(r);
        assertTrue(r.err().contains("unknown parameter 'epsilon' for 'fgsm'; it takes: eps"), r.err());
    }

    @Test
    void missingGpuIsBadInputNotAFallBack(@TempDir Path out) {
        Result r = run("run", "--device", "gpu", "--dataset", "synthetic(train=64,test=32)", "--train-attacks", "none",
                "--eval-attacks", "fgsm", "--out", out.toString());
        assertOneLine(r);
        assertTrue(r.err().contains("device 'gpu' asked for"), r.err());
        assertTrue(Files.notExists(out.resolve("results.csv")));
    }

    @Test
    void corruptDataFileIsOneLine(@TempDir Path dir) throws Exception {
        java.nio.ByteBuffer images = java.nio.ByteBuffer.allocate(16 + 100).putInt(2051).putInt(10).putInt(28).putInt(28);
        java.nio.ByteBuffer labels = java.nio.ByteBuffer.allocate(8 + 10).putInt(2049).putInt(10);
        for (String part : new String[] {"train", "t10k"}) {
            Files.write(dir.resolve(part + "-images-idx3-ubyte"), images.array());
            Files.write(dir.resolve(part + "-labels-idx1-ubyte"), labels.array());
        }
        Result r = run("run", "--dataset", "fashion-mnist", "--data-dir", dir.toString(), "--train-attacks", "none",
                "--eval-attacks", "fgsm", "--out", dir.resolve("out").toString());
        assertOneLine(r);
        // the file, the size the header promises (10 x 28 x 28 + 16) and the actual size
        assertTrue(r.err().contains("-images-idx3-ubyte"), r.err());
        assertTrue(r.err().contains("7856") && r.err().contains("116"), r.err());
        assertTrue(Files.notExists(dir.resolve("out").resolve("results.csv")));
    }

    @Test
    void badShardAndPresetAreOneLine() {
        assertOneLine(run("run", "--dry-run", "--train-attacks", "fgsm", "--shard", "3/2"));
        assertOneLine(run("run", "--dry-run", "--train-attacks", "fgsm", "--preset", "huge"));
        assertOneLine(run("run", "--dry-run", "--train-attacks", "fgsm", "--epochs", "zero"));
    }

    @Test
    void runWritesResultsAndPrintsTheLeaderboard(@TempDir Path out) {
        Result r = run("run", "--dataset", "synthetic(channels=1,size=12,classes=4,train=256,test=64,noise=0.3)",
                "--model", "small-cnn(width=4)", "--train-attacks", "fgsm(eps=0.05)", "--eval-attacks", "fgsm(eps=0.1)",
                "--epochs", "1", "--batch", "32", "--crop-padding", "0", "--out", out.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("== fgsm(eps=0.1) =="), r.out());
        assertTrue(r.err().contains("[cell 1/1]"), "progress on stderr: " + r.err());
        assertTrue(Files.exists(out.resolve("results.csv")));
        assertTrue(Files.exists(out.resolve("grid.txt")));
    }

    @Test
    void aFolderHeldByALiveRunIsOneLine(@TempDir Path out) throws Exception {
        // this test's JVM is a live process on this host: its lock is held
        try (org.robustgrid.harness.files.FolderLock held = org.robustgrid.harness.files.FolderLock.acquire(out, n -> {})) {
            Result r = run("run", "--dataset", "synthetic(channels=1,size=12,classes=4,train=64,test=32)", "--model", "small-cnn(width=4)",
                    "--train-attacks", "none", "--eval-attacks", "fgsm(eps=0.1)", "--epochs", "1", "--out", out.toString());
            assertOneLine(r);
            assertTrue(r.err().contains("is in use by robustgrid pid " + ProcessHandle.current().pid()), r.err());
            assertTrue(Files.notExists(out.resolve("results.csv")));
        }
    }

    @Test
    void compareRefusesWhatItCannotCompareInOneLine(@TempDir Path dir) {
        Result first = run("run", "--dataset", "synthetic(channels=1,size=12,classes=4,train=128,test=32)", "--model", "small-cnn(width=4)",
                "--train-attacks", "none", "--eval-attacks", "fgsm(eps=0.1)", "--epochs", "1", "--batch", "32", "--seeds", "0,1",
                "--out", dir.toString());
        assertEquals(0, first.code(), first.err());
        Path results = dir.resolve("results.csv");
        Result alone = run("compare", results.toString());
        assertOneLine(alone);
        assertTrue(alone.err().contains("two activations or more"), alone.err());
        Result other = run("compare", results.toString(), "--baseline", "gelu");
        assertOneLine(other);
        assertTrue(other.err().contains("'gelu'") && other.err().contains("relu"), other.err());
        assertOneLine(run("compare", dir.resolve("nothing.csv").toString()));
    }

    @Test
    void leaderboardCountsARowWrittenTwiceOnceAndSaysSoOnce(@TempDir Path dir) throws Exception {
        Result first = run("run", "--dataset", "synthetic(channels=1,size=12,classes=4,train=128,test=32)", "--model", "small-cnn(width=4)",
                "--train-attacks", "none", "--eval-attacks", "fgsm(eps=0.1)", "--epochs", "1", "--batch", "32", "--out", dir.toString());
        assertEquals(0, first.code(), first.err());
        Path results = dir.resolve("results.csv");
        List<String> lines = Files.readAllLines(results);
        Files.writeString(results, lines.get(1).replaceFirst("Z$", "").replaceFirst("\\.[0-9]+$", "") + "Z\n",
                java.nio.file.StandardOpenOption.APPEND); // the same evaluation again, as a second writer appended it
        Result r = run("leaderboard", results.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.err().lines().filter(l -> l.contains("note:") && l.contains("1 evaluation has more than one row")).count(), r.err());
        assertEquals(first.out().lines().filter(l -> l.startsWith("   1 ")).count(), r.out().lines().filter(l -> l.startsWith("   1 ")).count(),
                r.out());
    }

    @Test
    void aFullDiskIsOneLineNamingTheFileAndItsOwnExitCode(@TempDir Path out) throws Exception {
        // /dev/full fails every write with ENOSPC, as a full disk does
        Files.createSymbolicLink(out.resolve("results.csv"), Path.of("/dev/full"));
        String[] args = {"run", "--dataset", "synthetic(channels=1,size=12,classes=4,train=64,test=32)", "--model", "small-cnn(width=4)",
            "--train-attacks", "none", "--eval-attacks", "fgsm(eps=0.1)", "--epochs", "1", "--out", out.toString()};
        Result r = run(args);
        assertEquals(Main.WRITE_FAILED, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("robustgrid: cannot write " + out.resolve("results.csv") + ": No space left on device"), r.err());
        assertTrue(Files.notExists(out.resolve(org.robustgrid.harness.files.FolderLock.FILE)), "the lock is released on failure");
        String[] verbose = java.util.Arrays.copyOf(args, args.length + 1);
        verbose[args.length] = "--verbose";
        Result v = run(verbose);
        assertEquals(Main.WRITE_FAILED, v.code());
        assertTrue(v.err().contains("at org.robustgrid.harness.results.ResultsStore"), "--verbose prints the trace: " + v.err());
    }

    @Test
    void dryRunListsTheCells() {
        Result r = run("run", "--dry-run", "--train-attacks", "fgsm", "--activations", "relu", "--lr-schedules", "fixed,cosine,step", "--eval-attacks", "fgsm");
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("# 3 models x 1 eval attacks"), r.out());
    }
}
