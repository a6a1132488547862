package org.robustgrid.harness.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.robustgrid.harness.data.Dataset;
import org.robustgrid.harness.engine.Engines;
import org.robustgrid.harness.grid.Cell;
import org.robustgrid.harness.grid.Progress;
import org.robustgrid.harness.model.Network;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.ClientContext;
import org.robustgrid.harness.spi.ClientUpdate;
import org.robustgrid.harness.spi.Strategy;

/**
 * Federated training of one cell: the partitioner splits the training set (plus each client's slice
 * of the shared pool), and every round the selected clients start from the global state, run the
 * recipe's local adversarial training, and the strategy aggregates their states. The global state is
 * checkpointed after every round, so a killed run resumes from the last finished round; each
 * (round, client) draws from its own seed, so the resumed run equals an uninterrupted one.
 */
final class FederatedLoop {

    private final Cell cell;
    private final Network net;
    private final Dataset train;
    private final Path checkpointDir;
    private final Path roundMarker;
    private final Progress progress;
    private final int cellIndex;

    FederatedLoop(Cell cell, Network net, Dataset train, Path checkpointDir, Progress progress, int cellIndex) {
        this.cell = cell;
        this.net = net;
        this.train = train;
        this.checkpointDir = checkpointDir;
        this.roundMarker = checkpointDir.resolve(cell.modelKey() + ".round");
        this.progress = progress;
        this.cellIndex = cellIndex;
    }

    /** Trains the rounds not yet done and returns the model's total optimizer steps over all rounds. */
    long run() {
        Strategy strategy = cell.strategy().instance();
        Recipe recipe = cell.recipe();
        int clients = cell.clients();
        int rounds = cell.rounds();
        List<int[]> parts = ClientSplit.split(cell, train);
        List<Dataset> clientData = new ArrayList<>();
        for (int[] idx : parts) {
            clientData.add(train.subset(idx));
        }
        int[][] selected = new int[rounds][];
        long total = 0;
        for (int r = 0; r < rounds; r++) {
            selected[r] = select(clients, cell.clientFraction(), CellTrainer.mix(cell.seed(), r + 1, -1));
            for (int c : selected[r]) {
                total += CellTrainer.stepsPerEpoch(clientData.get(c).size(), recipe.batchSize()) * recipe.epochs();
            }
        }
        int start = resumeRound();
        progress.startCell(cellIndex, cell.label(), total);
        if (start > 0) {
            net.restore(roundState(start - 1));
            progress.line("resuming after round " + start + " of " + rounds);
        }
        Attack recipeAttack = cell.trainAttack() == null ? null : cell.trainAttack().instance();
        List<Integer> trainableIndex = new ArrayList<>();
        for (int i = 0; i < net.parameters().size(); i++) {
            Parameter p = net.parameters().get(i);
            if (p.requiresGradient()) {
                trainableIndex.add(i);
            }
        }
        try (NDManager keep = net.manager().newSubManager(); LocalTrainer trainer = new LocalTrainer(net, recipe, strategy)) {
            List<NDArray> global = net.state(keep);
            for (int r = start; r < rounds; r++) {
                int round = r;
                double lr = recipe.schedule().rate(recipe.lr(), r, rounds);
                try (NDManager roundManager = keep.newSubManager()) {
                    List<NDArray> globalWeights = trainableIndex.stream().map(global::get).toList();
                    List<ClientUpdate> updates = new ArrayList<>();
                    for (int c : selected[r]) {
                        Dataset data = clientData.get(c);
                        net.load(global);
                        trainer.resetOptimizer();
                        Engines.seed(CellTrainer.mix(cell.seed(), r + 1, c + 1));
                        long[] counts = data.classCounts();
                        ClientContext ctx = new ClientContext(c, clients, r, counts, globalWeights);
                        Attack attack = strategy.trainingAttack(ctx).orElse(recipeAttack);
                        String where = "round " + (r + 1) + "/" + rounds + " client " + (c + 1) + "/" + clients;
                        trainer.train(data, ctx, attack, CellTrainer.mix(cell.seed(), r + 1, clients + c + 1), step -> lr,
                                (step, images, loss) -> progress.step(where, images, loss));
                        updates.add(new ClientUpdate(net.state(roundManager), data.size(), counts));
                    }
                    List<NDArray> next = strategy.aggregate(updates);
                    for (int i = 0; i < global.size(); i++) {
                        next.get(i).copyTo(global.get(i));
                    }
                }
                net.load(global);
                saveRound(round);
            }
        }
        // every round has run once over the model's life, whatever runs it took: the model's step count
        return total;
    }

    /** Picks max(1, round(fraction·clients)) clients without replacement, sorted. */
    static int[] select(int clients, double fraction, long seed) {
        int m = Math.max(1, (int) Math.round(fraction * clients));
        if (m >= clients) {
            int[] all = new int[clients];
            for (int i = 0; i < clients; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] order = Batches.shuffled(clients, new SplittableRandom(seed));
        int[] pick = java.util.Arrays.copyOf(order, m);
        java.util.Arrays.sort(pick);
        return pick;
    }

    private Path roundState(int round) {
        return checkpointDir.resolve(cell.modelKey() + ".round-" + round + ".params");
    }

    /** The first round to run: one past the round the marker names, when that round's state exists. */
    private int resumeRound() {
        try {
            if (!Files.exists(roundMarker)) {
                return 0;
            }
            int last = Integer.parseInt(Files.readString(roundMarker, StandardCharsets.UTF_8).strip());
            return Files.exists(roundState(last)) ? last + 1 : 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /**
     * State first, then the marker that names it, then the previous state: a kill between any two steps
     * leaves a marker naming a state that exists.
     */
    private void saveRound(int round) {
        net.save(roundState(round));
        try {
            Path tmp = roundMarker.resolveSibling(roundMarker.getFileName() + ".tmp");
            Files.writeString(tmp, Integer.toString(round), StandardCharsets.UTF_8);
            Files.move(tmp, roundMarker, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            if (round > 0) {
                Files.deleteIfExists(roundState(round - 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write round marker " + roundMarker, e);
        }
    }
}
