package org.robustgrid.harness.stats;

/**
 * The mean and sample standard deviation of one number over repeated runs (seeds).
 *
 * @param n the number of runs, at least 1
 * @param mean their mean
 * @param sd the sample standard deviation (divisor n − 1); NaN for a single run, which has no spread
 */
public record Spread(int n, double mean, double sd) {

    /**
     * Summarizes the values of one configuration over its seeds.
     *
     * @param values one finite value per run, at least one
     */
    public static Spread of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("a spread needs at least one value, got none");
        }
        double sum = 0;
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("a spread needs finite values, got " + v);
            }
            sum += v;
        }
        double mean = sum / values.length;
        if (values.length == 1) {
            return new Spread(1, mean, Double.NaN);
        }
        // two passes: the squared deviations from the mean, not E[x²] − E[x]², which cancels
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return new Spread(values.length, mean, Math.sqrt(squares / (values.length - 1)));
    }
}
