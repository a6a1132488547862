package org.robustgrid.harness.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robustgrid.harness.engine.Engines;
import org.robustgrid.harness.model.Network;
import org.robustgrid.harness.fixtures.TestPlugins;

class CheckpointStoreTest {

    private static Network net(long seed) {
        Engines.seed(seed);
        return Network.create(TestPlugins.model("small-cnn(width=4)"), TestPlugins.relu(), TestPlugins.bands(8, 4, 12, 1), Device.cpu());
    }

    private static float[] weights(Network n) {
        return n.trainable().get(0).getArray().toFloatArray();
    }

    @Test
    void aSavedModelIsFinishedAndRestoresWithItsMetaAndLog(@TempDir Path dir) {
        CheckpointStore store = new CheckpointStore(dir);
        assertTrue(store.finished("k").isEmpty());
        TrainingLog log = new TrainingLog();
        log.add(20, "epoch 1/1", 1.5, 0.5, 0.25);
        log.add(40, "epoch 1/1", 0.75, 0.625, Double.NaN);
        try (Network a = net(1); Network b = net(2)) {
            store.save("k", a, new CheckpointMeta(40, 12.5), log);
            assertEquals(new CheckpointMeta(40, 12.5), store.finished("k").orElseThrow());
            assertFalse(java.util.Arrays.equals(weights(a), weights(b)));
            store.restore("k", b);
            assertArrayEquals(weights(a), weights(b));
        }
        assertEquals(log.entries(), store.log("k").entries());
    }

    @Test
    void weightsWithoutMetaCountAsFinishedAtUnknownCost(@TempDir Path dir) throws Exception {
        CheckpointStore store = new CheckpointStore(dir);
        try (Network a = net(1)) {
            store.save("k", a, new CheckpointMeta(1, 1), new TrainingLog());
        }
        Files.delete(dir.resolve("k.params.meta"));
        assertEquals(CheckpointMeta.UNKNOWN, store.finished("k").orElseThrow());
    }

    @Test
    void roundsResumeAfterTheMarkedRoundAndKeepOnlyTheNewestState(@TempDir Path dir) throws Exception {
        CheckpointStore store = new CheckpointStore(dir);
        TrainingLog log = new TrainingLog();
        CheckpointStore.Rounds rounds = store.rounds("k", log);
        assertEquals(0, rounds.next());
        try (Network a = net(1); Network b = net(2)) {
            rounds.save(0, b);
            log.add(5, "round 2/3 client 1/2", 0.5, 0.5, 0.5);
            rounds.save(1, a);
            assertEquals(2, rounds.next());
            assertEquals(List.of("k.log.csv", "k.round", "k.round-1.params", "k.round-1.params.sha256"), files(dir));
            rounds.restore(1, b);
            assertArrayEquals(weights(a), weights(b));
        }
        assertEquals(log.entries(), store.log("k").entries());
        // a marker naming a state that is gone (a kill between the writes of a hand-made copy) restarts from round 0
        Files.delete(dir.resolve("k.round-1.params"));
        assertEquals(0, rounds.next());
    }

    /** Changes one byte of the first weight's value in place: the file keeps its structure and still parses. */
    private static void changeOneWeight(Path file, float weight) throws Exception {
        byte[] b = Files.readAllBytes(file);
        for (java.nio.ByteOrder order : new java.nio.ByteOrder[] {java.nio.ByteOrder.BIG_ENDIAN, java.nio.ByteOrder.LITTLE_ENDIAN}) {
            byte[] w = java.nio.ByteBuffer.allocate(4).order(order).putFloat(weight).array();
            for (int i = 0; i + 4 <= b.length; i++) {
                if (java.util.Arrays.equals(b, i, i + 4, w, 0, 4)) {
                    b[i + (order == java.nio.ByteOrder.BIG_ENDIAN ? 1 : 2)] ^= 0x10; // a middle byte: the value changes, stays finite
                    Files.write(file, b);
                    return;
                }
            }
        }
        throw new AssertionError("weight " + weight + " not found in " + file);
    }

    @Test
    void aChangedWeightThatStillParsesIsDamagedAndMovedAside(@TempDir Path dir) throws Exception {
        CheckpointStore store = new CheckpointStore(dir);
        try (Network a = net(1); Network b = net(2); Network c = net(3)) {
            store.save("k", a, new CheckpointMeta(1, 1), new TrainingLog());
            assertTrue(Files.readString(dir.resolve("k.params.sha256")).endsWith("  k.params\n"));
            changeOneWeight(dir.resolve("k.params"), weights(a)[0]);
            // the premise: the file parses, into weights that differ from the saved ones
            try (var in = new java.io.DataInputStream(Files.newInputStream(dir.resolve("k.params")))) {
                c.read(in);
            }
            assertFalse(java.util.Arrays.equals(weights(a), weights(c)));
            CheckpointStore.Damaged d = assertThrows(CheckpointStore.Damaged.class, () -> store.restore("k", b));
            assertTrue(d.getMessage().startsWith("checkpoint k.params is damaged: its SHA-256 is "), d.getMessage());
            assertTrue(d.getMessage().endsWith("; moved to k.params.corrupt") && !d.getMessage().contains("\n"), d.getMessage());
        }
        assertTrue(store.finished("k").isEmpty(), "a damaged checkpoint is no longer a finished model");
        assertEquals(List.of("k.log.csv", "k.params.corrupt", "k.params.meta", "k.params.sha256.corrupt"), files(dir));
    }

    @Test
    void aTruncatedCheckpointIsDamagedWithOrWithoutItsDigest(@TempDir Path dir) throws Exception {
        CheckpointStore store = new CheckpointStore(dir);
        try (Network a = net(1); Network b = net(2)) {
            store.save("k", a, new CheckpointMeta(1, 1), new TrainingLog());
            Path f = dir.resolve("k.params");
            byte[] whole = Files.readAllBytes(f);
            Files.write(f, java.util.Arrays.copyOf(whole, whole.length / 2));
            String m = assertThrows(CheckpointStore.Damaged.class, () -> store.restore("k", b)).getMessage();
            assertTrue(m.contains("its SHA-256 is"), m);
            // a checkpoint of an older run has no digest: cut, it does not parse
            store.save("k", a, new CheckpointMeta(1, 1), new TrainingLog());
            Files.delete(dir.resolve("k.params.sha256"));
            Files.write(f, java.util.Arrays.copyOf(whole, whole.length / 2));
            m = assertThrows(CheckpointStore.Damaged.class, () -> store.restore("k", b)).getMessage();
            assertTrue(m.startsWith("checkpoint k.params is damaged: it does not parse"), m);
            assertTrue(Files.exists(dir.resolve("k.params.corrupt")) && Files.notExists(f));
        }
    }

    private static List<String> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
