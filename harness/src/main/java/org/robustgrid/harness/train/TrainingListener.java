package org.robustgrid.harness.train;

/**
 * What a training reports while it runs. The grid's progress display and the checkpoint's training log
 * listen; the training knows nothing of either.
 */
public interface TrainingListener {

    /**
     * Training starts or resumes.
     *
     * @param totalSteps optimizer steps over the model's whole training
     * @param doneSteps steps already taken by an earlier run (a resumed federated model), else 0
     */
    void started(long totalSteps, long doneSteps);

    /**
     * A step finished.
     *
     * @param where the phase, for people: {@code epoch 1/3}, {@code round 2/10 client 4/10}
     * @param images clean images in the step's batch
     * @param meanLoss the mean loss since the previous reading when it was read at this step, else NaN
     */
    void step(String where, int images, double meanLoss);

    /** Anything else worth telling ({@code resuming after round 3 of 10}). */
    void note(String message);

    /** Both listeners, in order. */
    static TrainingListener both(TrainingListener a, TrainingListener b) {
        return new TrainingListener() {
            @Override
            public void started(long totalSteps, long doneSteps) {
                a.started(totalSteps, doneSteps);
                b.started(totalSteps, doneSteps);
            }

            @Override
            public void step(String where, int images, double meanLoss) {
                a.step(where, images, meanLoss);
                b.step(where, images, meanLoss);
            }

            @Override
            public void note(String message) {
                a.note(message);
                b.note(message);
            }
        };
    }
}
