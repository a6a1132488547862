package org.robustgrid.harness.checkpoint;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.robustgrid.harness.files.AtomicFiles;
import org.robustgrid.harness.files.WriteFailure;
import org.robustgrid.harness.model.Network;

/**
 * Every file of every trained model of a run, in one folder, named by the model key:
 *
 * <pre>
 * KEY.params         final weights (DJL's parameter format)
 * KEY.params.sha256  the weights' SHA-256 (sha256sum's format), written before them, checked when they are read
 * KEY.params.meta    what the training cost (steps, seconds), written before the weights
 * KEY.log.csv        the training curve ({@link TrainingLog}), written with each state
 * KEY.round          the last finished federated round, written after that round's state
 * KEY.round-N.params the global state after round N (only the newest is kept), with its .sha256
 * </pre>
 *
 * Each file is written whole and renamed into place, and in an order that a kill between any two
 * writes leaves consistent: a marker never names a missing state, weights never lack their meta or
 * digest. Weights whose bytes do not match their digest, or do not parse, are {@link Damaged}: moved
 * aside ({@code KEY.params.corrupt}) so that the model is trained again. Resume logic asks this class,
 * not the file system.
 */
public final class CheckpointStore {

    /** The folder of checkpoints inside a run's output folder. */
    public static final String FOLDER = "checkpoints";
    /** Suffix of a weights file's digest beside it. */
    public static final String DIGEST = ".sha256";
    /** Suffix of a damaged file moved aside. */
    public static final String CORRUPT = ".corrupt";

    /** Stored weights that are not what was written (their digest differs) or do not parse; they have been moved aside. */
    public static final class Damaged extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Damaged(String message, Throwable cause) {
            super(message, cause);
        }
    }

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

    /** Loads a finished model's weights into {@code net}; {@link Damaged} when they are not what was written. */
    public void restore(String key, Network net) {
        read(weights(key), net);
    }

    /**
     * Copies a finished model's weights, digest and meta into {@code to}, named {@code asKey} there (as they
     * are: the copy is checked when read).
     */
    public void copy(String key, CheckpointStore to, String asKey) {
        for (Path f : new Path[] {weights(key), digestOf(weights(key)), dir.resolve(key + ".params.meta")}) {
            if (Files.exists(f)) {
                Path target = to.dir.resolve(asKey + f.getFileName().toString().substring(key.length()));
                AtomicFiles.write(target, out -> Files.copy(f, out));
            }
        }
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

        /** Loads the global state after {@code round}; {@link Damaged} when it is not what was written. */
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
                    Files.deleteIfExists(digestOf(state(round - 1)));
                } catch (IOException e) {
                    throw new WriteFailure(state(round - 1), e);
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

    private static Path digestOf(Path weights) {
        return weights.resolveSibling(weights.getFileName() + DIGEST);
    }

    /** The digest first, then the weights: a kill between leaves a digest without weights, which nothing reads. */
    private static void write(Path file, Network net) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            net.write(new DataOutputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize the weights for " + file, e);
        }
        byte[] b = bytes.toByteArray();
        AtomicFiles.write(digestOf(file), out -> out.write((sha256(b) + "  " + file.getFileName() + "\n").getBytes(StandardCharsets.UTF_8)));
        AtomicFiles.write(file, out -> out.write(b));
    }

    /** Reads weights after checking them against their digest; weights of older runs, written without one, only have to parse. */
    private static void read(Path file, Network net) {
        byte[] b;
        try {
            b = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
        Path digest = digestOf(file);
        if (Files.exists(digest)) {
            String expected;
            try {
                expected = Files.readString(digest, StandardCharsets.UTF_8).strip().split("\\s+")[0];
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + digest + ": " + e.getMessage(), e);
            }
            String found = sha256(b);
            if (!found.equals(expected)) {
                throw damaged(file, "its SHA-256 is " + found.substring(0, 16) + "..., " + digest.getFileName() + " says "
                        + (expected.length() > 16 ? expected.substring(0, 16) + "..." : "'" + expected + "'"), null);
            }
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b))) {
            net.read(in);
        } catch (IOException | RuntimeException e) {
            throw damaged(file, "it does not parse (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip()) + ")", e);
        }
    }

    /** Moves damaged weights and their digest aside, and says what was found. */
    private static Damaged damaged(Path file, String why, Throwable cause) {
        Path aside = file.resolveSibling(file.getFileName() + CORRUPT);
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            if (Files.exists(digestOf(file))) {
                Files.move(digestOf(file), digestOf(file).resolveSibling(digestOf(file).getFileName() + CORRUPT), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new WriteFailure(aside, e);
        }
        return new Damaged("checkpoint " + file.getFileName() + " is damaged: " + why.replace('\n', ' ') + "; moved to " + aside.getFileName(),
                cause);
    }

    /** The SHA-256 of {@code bytes} in hex. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
