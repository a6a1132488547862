package org.robustgrid.harness.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StudentTTest {

    /** Critical values from the t table (two-sided 0.05 and 0.01) and closed forms: df 1 is Cauchy, df 2 has p = 1 − t/√(t² + 2). */
    @ParameterizedTest
    @CsvSource({
        "12.7062, 1, 0.05", "63.6567, 1, 0.01", "1.0, 1, 0.5",
        "2.7764, 4, 0.05", "2.0739, 22, 0.05", "2.8188, 22, 0.01", "1.9600, 100000, 0.05",
        "0, 5, 1", "-2.0739, 22, 0.05"})
    void twoSidedPMatchesTheTable(double t, double df, double p) {
        assertEquals(p, StudentT.twoSidedP(t, df), 1e-4 * Math.max(p, 0.01) + 2e-5);
    }

    @ParameterizedTest
    @CsvSource({"0.5", "1", "3", "10"})
    void twoDegreesOfFreedomHaveAClosedForm(double t) {
        assertEquals(1 - t / Math.sqrt(t * t + 2), StudentT.twoSidedP(t, 2), 1e-12);
    }

    /** The same table read the other way; df 2 in closed form, t = √2 (1 − α) / √(1 − (1 − α)²). */
    @ParameterizedTest
    @CsvSource({"12.7062, 1, 0.05", "63.6567, 1, 0.01", "4.3027, 2, 0.05", "2.7764, 4, 0.05", "2.0739, 22, 0.05", "2.8188, 22, 0.01",
        "1.9600, 100000, 0.05", "1.0, 1, 0.5"})
    void criticalInvertsTheTwoSidedP(double t, double df, double alpha) {
        assertEquals(t, StudentT.critical(alpha, df), 1e-4 * t);
        assertEquals(alpha, StudentT.twoSidedP(StudentT.critical(alpha, df), df), 1e-9);
        assertEquals(Math.sqrt(2) * (1 - alpha) / Math.sqrt(1 - (1 - alpha) * (1 - alpha)), StudentT.critical(alpha, 2), 1e-9);
    }

    @ParameterizedTest
    @CsvSource({"0", "0.5"})
    void badDegreesOfFreedomAreRefused(double df) {
        assertThrows(IllegalArgumentException.class, () -> StudentT.twoSidedP(1, df));
    }
}
