package org.robustgrid.harness.results;

/**
 * What a trained model is: the facts every row of the model repeats, recorded when the grid is planned.
 * Plugin settings are canonical specs.
 *
 * @param dataset the data set spec
 * @param model the model spec
 * @param activation the activation spec
 * @param lrSchedule the learning-rate schedule id
 * @param trainAttack the training attack spec, {@code none} for none
 * @param partitioner the partitioner spec, {@code none} for centralized training
 * @param share the data-sharing fraction in [0,1]
 * @param sharePool the shared pool's size as a fraction of the training set
 * @param strategy the strategy spec
 * @param federated whether the strategy trains over clients (recorded from the strategy, never guessed from its id)
 * @param clients clients (1 for centralized)
 * @param rounds rounds (1 for centralized)
 * @param epochs (local) epochs
 * @param seed the seed
 * @param modelKey the model's content hash: its checkpoint's name
 * @param recipe the canonical training recipe
 */
public record ModelFacts(
        String dataset, String model, String activation, String lrSchedule, String trainAttack, String partitioner, double share, double sharePool,
        String strategy, boolean federated, int clients, int rounds, int epochs, long seed, String modelKey, String recipe) {}
