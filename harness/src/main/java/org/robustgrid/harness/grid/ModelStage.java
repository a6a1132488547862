package org.robustgrid.harness.grid;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.robustgrid.harness.checkpoint.CheckpointMeta;
import org.robustgrid.harness.checkpoint.CheckpointStore;
import org.robustgrid.harness.checkpoint.TrainingLog;
import org.robustgrid.harness.data.Dataset;
import org.robustgrid.harness.engine.Engines;
import org.robustgrid.harness.files.WriteFailure;
import org.robustgrid.harness.model.Network;
import org.robustgrid.harness.model.TorchScript;
import org.robustgrid.harness.plugin.Blame;
import org.robustgrid.harness.plugin.Plugin;
import org.robustgrid.harness.spi.SpecException;
import org.robustgrid.harness.train.DivergedException;
import org.robustgrid.harness.train.ModelTrainer;
import org.robustgrid.harness.train.Reading;
import org.robustgrid.harness.train.TrainingListener;

/**
 * Stage 2 of a cell, train or restore: the model from its checkpoint when one is stored, else trained
 * (resuming federated rounds) and checkpointed. A training that fails (a NaN loss, an exception in a
 * plugin or the engine) is a result, not an exception, so the grid can record it and go on; a bad spec
 * is the user's error and still ends the run.
 */
final class ModelStage {

    /** What the stage gives the next one. */
    sealed interface Result permits Ready, Failed {}

    /** The model, ready to evaluate. */
    record Ready(TrainedModel model) implements Result {}

    /** Why there is no model. */
    record Failed(String reason) implements Result {}

    private final Dataset train;
    private final Device device;
    private final CheckpointStore store;
    private final Progress progress;

    ModelStage(Dataset train, Device device, CheckpointStore store, Progress progress) {
        this.train = train;
        this.device = device;
        this.store = store;
        this.progress = progress;
    }

    Result obtain(Cell cell) {
        List<Plugin<?>> plugins = new ArrayList<>(cell.loaded() ? List.of() : cell.plugins());
        plugins.add(0, cell.model());
        Optional<String> notCreated = plugins.stream().filter(Plugin::failed).map(Plugin::failure).findFirst();
        if (notCreated.isPresent()) {
            return new Failed(notCreated.get());
        }
        if (cell.loaded()) {
            // outside the try below: a module that does not fit the data set is the user's input, refused with exit code 2
            Network net = Network.load((TorchScript) cell.model().instance(), train, device);
            progress.line("TorchScript " + ((TorchScript) cell.model().instance()).file() + " loaded, nothing trained");
            return new Ready(new TrainedModel(net, 0, Double.NaN, false));
        }
        try {
            return obtainOnce(cell, plugins);
        } catch (CheckpointStore.Damaged e) {
            // moved aside by the store: the next attempt finds no checkpoint (or no round state) and trains from the start
            progress.line(e.getMessage() + "; training the model again");
            return obtainOnce(cell, plugins);
        }
    }

    private Result obtainOnce(Cell cell, List<Plugin<?>> plugins) {
        String key = cell.modelKey();
        Engines.seed(cell.seed());
        Network net = null;
        try {
            net = Network.create(cell.model(), cell.activation().instance(), train, device, cell.recipe().batchSize());
            Optional<CheckpointMeta> stored = store.finished(key);
            if (stored.isPresent()) {
                store.restore(key, net);
                progress.line("checkpoint " + store.weights(key).getFileName() + " reused, nothing trained");
                return new Ready(new TrainedModel(net, stored.get().steps(), stored.get().seconds(), false));
            }
            long t0 = System.nanoTime();
            TrainingLog log = new TrainingLog();
            CheckpointStore.Rounds rounds = store.rounds(key, log);
            if (rounds.next() > 0) {
                log.addAll(store.log(key)); // the curve up to the round it resumes after
            }
            long steps = ModelTrainer.train(cell.job(), net, train, rounds, TrainingListener.both(progress, new LogListener(log)));
            double seconds = (System.nanoTime() - t0) / 1e9;
            store.save(key, net, new CheckpointMeta(steps, seconds), log);
            return new Ready(new TrainedModel(net, steps, seconds, true));
        } catch (CheckpointStore.Damaged | WriteFailure e) {
            close(net);
            throw e; // a damaged checkpoint is trained again; a disk that cannot be written ends the run
        } catch (SpecException e) {
            close(net);
            // the user's error ends the run; a plugin that throws one while training only fails its cell
            return new Failed("training failed: " + Blame.of(e, plugins).orElseThrow(() -> e));
        } catch (DivergedException e) {
            close(net);
            return new Failed(GridRunner.oneLine(e));
        } catch (RuntimeException | LinkageError e) {
            close(net);
            return new Failed("training failed: " + Blame.of(e, plugins).orElse(GridRunner.oneLine(e)));
        }
    }

    private static void close(Network net) {
        if (net != null) {
            net.close();
        }
    }

    /** Writes the loss readings into the model's training log, continuing the step count of a resumed training. */
    private static final class LogListener implements TrainingListener {
        private final TrainingLog log;
        private long step;

        LogListener(TrainingLog log) {
            this.log = log;
        }

        @Override
        public void started(long totalSteps, long doneSteps) {
            step = doneSteps;
        }

        @Override
        public void step(String where, int images, Reading reading) {
            step++;
            if (reading != null) {
                log.add(step, where, reading.loss(), reading.cleanAccuracy(), reading.adversarialAccuracy());
            }
        }

        @Override
        public void note(String message) {}
    }
}
