package org.robustgrid.harness.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.Optional;
import org.robustgrid.harness.data.DataException;
import org.robustgrid.harness.spi.Budget;

class ResultsStoreTest {

    /** The header of robustgrid's first published results files (schema 1): no schema_version, no federated. */
    static final String V1_HEADER = "dataset,model,activation,lr_schedule,train_attack,partitioner,share,strategy,clients,rounds,epochs,"
            + "attack,natural_acc,robust_acc,eval_natural_acc,eval_examples,success_rate,median_l2,median_linf,seed,params,device,"
            + "train_seconds,eval_seconds,train_steps,status,warning,model_key,eval_key,recipe,harness_version,plugin_versions,"
            + "djl_version,engine,timestamp";

    static String v1Row(String strategy, String partitioner, String evalKey) {
        return "fashion-mnist,small-cnn(width=16),relu,fixed,none," + partitioner + ",0," + strategy + ",1,1,1,fgsm(eps=0.1),"
                + "0.800000,0.600000,0.800000,200,0.250000,,0.100000,0,1234,cpu,1.500000,0.200000,10,ok,,m1," + evalKey
                + ",recipe(),0.1.0,relu@0.1.0,0.36.0,PyTorch 2.7.1,2025-12-10T08:00:00Z";
    }

    private static ResultRow row(String evalKey, boolean federated) {
        ModelFacts m = new ModelFacts("synthetic", "small-cnn(width=8)", "relu", "fixed", "none", federated ? "iid" : "none", 0.4, 0.1,
                federated ? "my-fed" : "my-central", federated, federated ? 10 : 1, 2, 1, 3, "k1", "recipe()");
        return new ResultRow(m, "fgsm(eps=0.1)", evalKey, new Training(100, 20, 1.25), new Measures(0.8, 0.79, 0.81, 0.5, 0.45, 0.55, 0.75, 200,
                Optional.of(new Budget(Budget.Norm.L2, 0.5)), 1.0 / 3, 0.2, 0.1, 0.5, AttackKind.MINIMUM_NORM), new Provenance("0.1.0",
                "git:0123456789abcdef0123456789abcdef01234567+dirty", "relu@0.1.0", "relu=plugins-activations-0.1.0.jar#0123456789abcdef",
                "0.36.0", "PyTorch 2.7.1", 2, 1, "cpu"), ResultRow.Status.OK, "",
                "2026-01-01T00:00:00Z");
    }

    @Test
    void aRowRoundTripsThroughTheFileAsTypedValues(@TempDir Path dir) {
        Path f = dir.resolve("results.csv");
        ResultRow a = row("e1", false);
        ResultRow b = row("e2", true);
        try (ResultsStore s = ResultsStore.open(f)) {
            s.append(a);
            s.append(b);
            assertTrue(s.recorded("e1") && s.recorded("e2") && !s.recorded("e3"));
        }
        List<ResultRow> back = ResultsStore.read(f);
        assertEquals(2, back.size());
        assertEquals(a.model(), back.get(0).model());
        assertEquals(b.model(), back.get(1).model());
        assertEquals(0.8, back.get(0).measures().naturalAcc(), 1e-12);
        assertEquals(1.0 / 3, back.get(0).measures().successRate(), 1e-6);
        assertEquals(a.training(), back.get(0).training());
        assertEquals(a.measures().budget(), back.get(0).measures().budget());
        assertEquals(AttackKind.MINIMUM_NORM, back.get(0).measures().kind());
        assertEquals(0.45, back.get(0).measures().robustLow(), 1e-12);
        assertEquals(a.provenance(), back.get(0).provenance());
    }

    @Test
    void schemaOneFilesLoadAndRecordFederatedFromTheirPartitioner(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("results.csv");
        Files.writeString(f, V1_HEADER + "\n" + v1Row("centralized", "none", "e1") + "\n" + v1Row("fedavg", "iid", "e2") + "\n",
                StandardCharsets.UTF_8);
        List<ResultRow> rows = ResultsStore.read(f);
        assertFalse(rows.get(0).model().federated());
        assertTrue(rows.get(1).model().federated());
        assertEquals(1234, rows.get(0).training().params());
        assertEquals("relu@0.1.0", rows.get(0).provenance().pluginVersions());
    }

    @Test
    void appendingToAnOlderSchemaUpgradesTheFileAndKeepsTheOriginal(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("results.csv");
        String original = V1_HEADER + "\n" + v1Row("centralized", "none", "e1") + "\n";
        Files.writeString(f, original, StandardCharsets.UTF_8);
        try (ResultsStore s = ResultsStore.open(f)) {
            assertTrue(s.recorded("e1"));
            s.append(row("e2", true));
        }
        assertEquals(original, Files.readString(dir.resolve("results.csv.schema-1.bak"), StandardCharsets.UTF_8));
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        assertTrue(lines.get(0).startsWith("schema_version,dataset,"), lines.get(0));
        assertEquals(3, lines.size());
        List<ResultRow> rows = ResultsStore.read(f);
        assertEquals(List.of("e1", "e2"), rows.stream().map(ResultRow::evalKey).toList());
        assertFalse(rows.get(0).model().federated());
    }

    @Test
    void schemaThreeFilesWithoutPluginSourcesLoad(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("results.csv");
        writeAsSchema(f, 3, row("e1", false));
        ResultRow back = ResultsStore.read(f).get(0);
        assertEquals("", back.provenance().pluginSources());
        assertEquals("relu@0.1.0", back.provenance().pluginVersions());
        assertEquals(AttackKind.MINIMUM_NORM, back.measures().kind());
    }

    /** A file as a harness of an older schema wrote it: only that schema's columns, in file order. */
    static void writeAsSchema(Path f, int version, ResultRow row) throws Exception {
        List<Column> columns = Column.of(version);
        String values = String.join(",", columns.stream().map(c -> c == Column.SCHEMA_VERSION ? Integer.toString(version) : c.text(row)).toList());
        Files.writeString(f, String.join(",", columns.stream().map(Column::header).toList()) + "\n" + values + "\n", StandardCharsets.UTF_8);
    }

    @Test
    void schemaFourFilesLoadWithoutBuildAndThreadsAndAreUpgradedOnAppend(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("results.csv");
        writeAsSchema(f, 4, row("e1", false));
        String original = Files.readString(f, StandardCharsets.UTF_8);
        ResultRow back = ResultsStore.read(f).get(0);
        assertEquals("", back.provenance().harnessBuild());
        assertEquals(Provenance.UNKNOWN_THREADS, back.provenance().intraOpThreads());
        assertEquals(Provenance.UNKNOWN_THREADS, back.provenance().interOpThreads());
        assertEquals("relu=plugins-activations-0.1.0.jar#0123456789abcdef", back.provenance().pluginSources());
        try (ResultsStore s = ResultsStore.open(f)) {
            s.append(row("e2", true));
        }
        assertEquals(original, Files.readString(dir.resolve("results.csv.schema-4.bak"), StandardCharsets.UTF_8));
        List<ResultRow> both = ResultsStore.read(f);
        assertEquals("", both.get(0).get(Column.INTRA_OP_THREADS));
        assertEquals("2", both.get(1).get(Column.INTRA_OP_THREADS));
        assertEquals("git:0123456789abcdef0123456789abcdef01234567+dirty", both.get(1).get(Column.HARNESS_BUILD));
        assertTrue(Files.readAllLines(f).get(0).contains(",harness_build,") && Files.readAllLines(f).get(2).startsWith("5,"));
    }

    @Test
    void unknownExtraColumnsAreIgnored(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("results.csv");
        Files.writeString(f, V1_HEADER + ",my_note\n" + v1Row("centralized", "none", "e1") + ",hello\n", StandardCharsets.UTF_8);
        assertEquals("e1", ResultsStore.read(f).get(0).evalKey());
    }

    @Test
    void aMissingColumnIsNamed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("results.csv");
        Files.writeString(f, V1_HEADER.replace(",robust_acc", "") + "\n", StandardCharsets.UTF_8);
        DataException e = assertThrows(DataException.class, () -> ResultsStore.read(f));
        assertTrue(e.getMessage().contains("robust_acc"), e.getMessage());
    }

    @Test
    void aNewerSchemaIsReadButNotAppendedTo(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("results.csv");
        try (ResultsStore s = ResultsStore.open(f)) {
            s.append(row("e1", false));
        }
        String text = Files.readString(f, StandardCharsets.UTF_8);
        int cut = text.indexOf('\n') + 1;
        Files.writeString(f, text.substring(0, cut) + "99" + text.substring(cut + 1), StandardCharsets.UTF_8);
        assertEquals(1, ResultsStore.read(f).size());
        String before = Files.readString(f, StandardCharsets.UTF_8);
        DataException e = assertThrows(DataException.class, () -> ResultsStore.open(f));
        assertTrue(e.getMessage().contains("schema version 99"), e.getMessage());
        assertEquals(before, Files.readString(f, StandardCharsets.UTF_8));
    }

    @Test
    void readersSkipARowCutByAFullDiskAndLeaveTheFileAsItIs(@TempDir Path dir) throws Exception {
        Path f = twoRowsTheLastCut(dir);
        long size = Files.size(f);
        assertEquals(List.of("e1"), ResultsStore.read(f).stream().map(ResultRow::evalKey).toList());
        assertEquals(size, Files.size(f), "a reader changes nothing");
    }

    @Test
    void aLineCutByAKillIsDroppedOnOpen(@TempDir Path dir) throws Exception {
        Path f = twoRowsTheLastCut(dir);
        try (ResultsStore s = ResultsStore.open(f)) {
            assertEquals(List.of("e1"), s.rows().stream().map(ResultRow::evalKey).toList());
        }
    }

    /** A results file of rows e1 and e2 whose last 20 characters are gone, as a kill or a full disk leaves it. */
    private static Path twoRowsTheLastCut(Path dir) throws Exception {
        Path f = dir.resolve("results.csv");
        try (ResultsStore s = ResultsStore.open(f)) {
            s.append(row("e1", false));
            s.append(row("e2", false));
        }
        String text = Files.readString(f, StandardCharsets.UTF_8);
        Files.writeString(f, text.substring(0, text.length() - 20), StandardCharsets.UTF_8);
        return f;
    }
}
