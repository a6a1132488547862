package org.robustgrid.harness.train;

import java.nio.file.Path;
import java.util.List;
import org.robustgrid.harness.data.Dataset;
import org.robustgrid.harness.engine.Engines;
import org.robustgrid.harness.grid.Cell;
import org.robustgrid.harness.grid.Progress;
import org.robustgrid.harness.model.Network;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.ClientContext;
import org.robustgrid.harness.spi.Strategy;

/** Trains one cell's model: the whole training set centralized, or federated rounds over clients. */
public final class CellTrainer {

    private final Cell cell;
    private final Network net;
    private final Dataset train;
    private final Path checkpointDir;
    private final Progress progress;
    private final int cellIndex;

    public CellTrainer(Cell cell, Network net, Dataset train, Path checkpointDir, Progress progress, int cellIndex) {
        this.cell = cell;
        this.net = net;
        this.train = train;
        this.checkpointDir = checkpointDir;
        this.progress = progress;
        this.cellIndex = cellIndex;
    }

    /** Trains and returns the number of optimizer steps taken. */
    public long train() {
        Strategy strategy = cell.strategy().instance();
        if (strategy.federated()) {
            return new FederatedLoop(cell, net, train, checkpointDir, progress, cellIndex).run();
        }
        Recipe recipe = cell.recipe();
        long perEpoch = stepsPerEpoch(train.size(), recipe.batchSize());
        long total = perEpoch * recipe.epochs();
        ClientContext client = new ClientContext(0, 1, 0, train.classCounts(), List.of());
        Attack attack = strategy.trainingAttack(client).orElse(cell.trainAttack() == null ? null : cell.trainAttack().instance());
        progress.startCell(cellIndex, cell.label(), total);
        try (LocalTrainer trainer = new LocalTrainer(net, recipe, strategy)) {
            Engines.seed(mix(cell.seed(), 0, 0));
            return trainer.train(train, client, attack, mix(cell.seed(), 1, 0),
                    step -> recipe.schedule().rate(recipe.lr(), step, total),
                    (step, images, loss) -> progress.step("epoch " + ((step - 1) / perEpoch + 1) + "/" + recipe.epochs(), images, loss));
        }
    }

    static long stepsPerEpoch(int examples, int batch) {
        return (examples + batch - 1) / batch;
    }

    /** A seed for one (round, client) of a cell, so a resumed run draws what an uninterrupted one would. */
    static long mix(long seed, long round, long client) {
        long z = seed * 0x9E3779B97F4A7C15L + round * 0xBF58476D1CE4E5B9L + client * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
