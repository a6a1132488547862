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
     * @param reading the loss and accuracies read at this step, or null when nothing was read
     */
    void step(String where, int images, Reading reading);

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
            public void step(String where, int images, Reading reading) {
                a.step(where, images, reading);
                b.step(where, images, reading);
            }

            @Override
            public void note(String message) {
                a.note(message);
                b.note(message);
            }
        };
    }
}
