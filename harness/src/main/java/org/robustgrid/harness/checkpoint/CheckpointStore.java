package org.robustgrid.harness.checkpoint;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.robustgrid.harness.files.AtomicFiles;
import org.robustgrid.harness.model.Network;

/**
 * Every file of every trained model of a run, in one folder, named by the model key:
 *
 * <pre>
 * KEY.params         final weights (DJL's parameter format)
 * KEY.params.meta    what the training cost (steps, seconds), written before the weights
 * KEY.log.csv        the training curve ({@link TrainingLog}), written with each state
 * KEY.round          the last finished federated round, written after that round's state
 * KEY.round-N.params the global state after round N (only the newest is kept)
 * </pre>
 *
 * Each file is written whole and renamed into place, and in an order that a kill between any two
 * writes leaves consistent: a marker never names a missing state, weights never lack their meta.
 * Resume logic asks this class, not the file system.
 */
public final class CheckpointStore {

    /** The folder of checkpoints inside a run's output folder. */
    public static final String FOLDER = "checkpoints";

    private final Path dir;

    public CheckpointStore(Path dir) {
        this.dir = dir;
    }

    /** The store of a run's output folder. */
    public static CheckpointStore of(Path runFolder) {
        return new CheckpointStore(runFolder.resolve(FOLDER));
    }

    /** The file of a model's final weights, for messages. */
    public Path weights(String key) {
        return dir.resolve(key + ".params");
    }

    /** The cost of a model whose training finished, or empty when it has not. */
    public Optional<CheckpointMeta> finished(String key) {
        if (!Files.exists(weights(key))) {
            return Optional.empty();
        }
        Path meta = dir.resolve(key + ".params.meta");
        if (!Files.exists(meta)) {
            return Optional.of(CheckpointMeta.UNKNOWN);
        }
        try (InputStream in = Files.newInputStream(meta)) {
            return Optional.of(CheckpointMeta.read(in));
        } catch (IOException e) {
            return Optional.of(CheckpointMeta.UNKNOWN);
        }
    }

    /** Loads a finished model's weights into {@code net}. */
    public void restore(String key, Network net) {
        read(weights(key), net);
    }

    /** Stores a finished model: meta, training log, then the weights that mark it finished. */
    public void save(String key, Network net, CheckpointMeta meta, TrainingLog log) {
        AtomicFiles.write(dir.resolve(key + ".params.meta"), meta::write);
        AtomicFiles.write(logFile(key), log::write);
        write(weights(key), net);
    }

    /** The training log saved with the model's newest state; empty when there is none. */
    public TrainingLog log(String key) {
        Path f = logFile(key);
        if (!Files.exists(f)) {
            return new TrainingLog();
        }
        try (InputStream in = Files.newInputStream(f)) {
            return TrainingLog.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read training log " + f, e);
        }
    }

    /** The federated round states of one model, saved together with {@code log}. */
    public Rounds rounds(String key, TrainingLog log) {
        return new Rounds(key, log);
    }

    /** Round states of one federated model. */
    public final class Rounds {

        private final String key;
        private final TrainingLog log;
        private final Path marker;

        private Rounds(String key, TrainingLog log) {
            this.key = key;
            this.log = log;
            this.marker = dir.resolve(key + ".round");
        }

        /** The first round to run: one past the round the marker names, when that round's state exists; else 0. */
        public int next() {
            try {
                if (!Files.exists(marker)) {
                    return 0;
                }
                int last = Integer.parseInt(Files.readString(marker, StandardCharsets.UTF_8).strip());
                return Files.exists(state(last)) ? last + 1 : 0;
            } catch (IOException | NumberFormatException e) {
                return 0;
            }
        }

        /** Loads the global state after {@code round}. */
        public void restore(int round, Network net) {
            read(state(round), net);
        }

        /**
         * State and log first, then the marker that names the state, then the previous state: a kill
         * between any two steps leaves a marker naming a state that exists.
         */
        public void save(int round, Network net) {
            write(state(round), net);
            AtomicFiles.write(logFile(key), log::write);
            AtomicFiles.write(marker, out -> out.write(Integer.toString(round).getBytes(StandardCharsets.UTF_8)));
            if (round > 0) {
                try {
                    Files.deleteIfExists(state(round - 1));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot remove " + state(round - 1), e);
                }
            }
        }

        private Path state(int round) {
            return dir.resolve(key + ".round-" + round + ".params");
        }
    }

    private Path logFile(String key) {
        return dir.resolve(key + ".log.csv");
    }

    private static void write(Path file, Network net) {
        AtomicFiles.write(file, out -> net.write(new DataOutputStream(out)));
    }

    private static void read(Path file, Network net) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            net.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
    }
}
