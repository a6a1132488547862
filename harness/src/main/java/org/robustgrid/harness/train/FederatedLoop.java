package org.robustgrid.harness.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.robustgrid.harness.checkpoint.CheckpointStore;
import org.robustgrid.harness.data.Batches;
import org.robustgrid.harness.data.Dataset;
import org.robustgrid.harness.engine.Engines;
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

    private final TrainingJob job;
    private final Network net;
    private final Dataset train;
    private final CheckpointStore.Rounds checkpoints;
    private final TrainingListener listener;

    FederatedLoop(TrainingJob job, Network net, Dataset train, CheckpointStore.Rounds checkpoints, TrainingListener listener) {
        this.job = job;
        this.net = net;
        this.train = train;
        this.checkpoints = checkpoints;
        this.listener = listener;
    }

    /** Trains the rounds not yet done and returns the model's total optimizer steps over all rounds. */
    long run() {
        Strategy strategy = job.strategy();
        Recipe recipe = job.recipe();
        int clients = job.clients();
        int rounds = job.rounds();
        List<int[]> parts = ClientSplit.split(job, train);
        List<Dataset> clientData = new ArrayList<>();
        for (int[] idx : parts) {
            clientData.add(train.subset(idx));
        }
        int[][] selected = new int[rounds][];
        long total = 0;
        for (int r = 0; r < rounds; r++) {
            selected[r] = select(clients, job.clientFraction(), ModelTrainer.mix(job.seed(), r + 1, -1));
            for (int c : selected[r]) {
                total += ModelTrainer.stepsPerEpoch(clientData.get(c).size(), recipe.batchSize()) * recipe.epochs();
            }
        }
        int start = checkpoints.next();
        long done = 0;
        for (int r = 0; r < start; r++) {
            for (int c : selected[r]) {
                done += ModelTrainer.stepsPerEpoch(clientData.get(c).size(), recipe.batchSize()) * recipe.epochs();
            }
        }
        listener.started(total, done);
        if (start > 0) {
            checkpoints.restore(start - 1, net);
            listener.note("resuming after round " + start + " of " + rounds);
        }
        Attack recipeAttack = job.trainAttack();
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
                        Engines.seed(ModelTrainer.mix(job.seed(), r + 1, c + 1));
                        long[] counts = data.classCounts();
                        ClientContext ctx = new ClientContext(c, clients, r, counts, globalWeights);
                        Attack attack = strategy.trainingAttack(ctx).orElse(recipeAttack);
                        String where = "round " + (r + 1) + "/" + rounds + " client " + (c + 1) + "/" + clients;
                        trainer.train(data, ctx, attack, ModelTrainer.mix(job.seed(), r + 1, clients + c + 1), step -> lr,
                                (step, images, reading) -> listener.step(where, images, reading));
                        updates.add(new ClientUpdate(net.state(roundManager), data.size(), counts));
                    }
                    List<NDArray> next = strategy.aggregate(updates);
                    for (int i = 0; i < global.size(); i++) {
                        next.get(i).copyTo(global.get(i));
                    }
                }
                net.load(global);
                checkpoints.save(round, net);
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
        int[] pick = Arrays.copyOf(order, m);
        Arrays.sort(pick);
        return pick;
    }
}
