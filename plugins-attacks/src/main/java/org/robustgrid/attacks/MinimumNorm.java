package org.robustgrid.attacks;

import java.util.Optional;
import org.robustgrid.harness.spi.Attack;
import org.robustgrid.harness.spi.Budget;

/** A minimum-norm attack (C&amp;W, DeepFool, FAB): it projects into no budget and is reported at {@link #evaluatedAt()}. */
interface MinimumNorm extends Attack {

    /** The budget its results are reported at; it does not change the perturbation. */
    Budget evaluatedAt();

    @Override
    default Optional<Budget> budget() {
        return Optional.empty();
    }

    @Override
    default Optional<Budget> evaluationBudget() {
        return Optional.of(evaluatedAt());
    }
}
