package org.robustgrid.harness.evaluate;

/** An attack returned a batch that breaks its contract; the evaluation's row is recorded as failed. */
public final class AttackContractException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient AttackContract.Violation violation;

    AttackContractException(AttackContract.Violation violation) {
        super(violation.check().name().toLowerCase(java.util.Locale.ROOT) + " check failed: " + violation.detail());
        this.violation = violation;
    }

    public AttackContract.Violation violation() {
        return violation;
    }
}
