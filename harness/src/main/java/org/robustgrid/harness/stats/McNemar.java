package org.robustgrid.harness.stats;

/**
 * McNemar's exact test for two classifiers scored on the same images: under the null hypothesis of
 * equal accuracy, each discordant image (right for one model, wrong for the other) is equally likely
 * to favour either, so the count favouring the first is Binomial(b + c, 1/2).
 */
public final class McNemar {

    private McNemar() {}

    /**
     * The discordant counts and the test's p-value.
     *
     * @param onlyFirst images the first model got right and the second wrong (b)
     * @param onlySecond images the second model got right and the first wrong (c)
     * @param p the two-sided exact p-value, in (0, 1]
     */
    public record Paired(long onlyFirst, long onlySecond, double p) {}

    /**
     * Compares two models' per-image outcomes.
     *
     * @param first true where the first model was right (robust), one entry per image
     * @param second the same for the second model, on the same images in the same order
     */
    public static Paired compare(boolean[] first, boolean[] second) {
        if (first.length != second.length) {
            throw new IllegalArgumentException("paired outcomes need the same images; got " + first.length + " and " + second.length);
        }
        long b = 0;
        long c = 0;
        for (int i = 0; i < first.length; i++) {
            if (first[i] && !second[i]) {
                b++;
            } else if (second[i] && !first[i]) {
                c++;
            }
        }
        return new Paired(b, c, exactP(b, c));
    }

    /**
     * The two-sided exact p-value {@code min(1, 2·P(X ≤ min(b, c)))}, X ~ Binomial(b + c, 1/2); 1 when
     * there are no discordant images.
     *
     * @param b discordant images favouring the first model, at least 0
     * @param c discordant images favouring the second model, at least 0
     */
    public static double exactP(long b, long c) {
        if (b < 0 || c < 0) {
            throw new IllegalArgumentException("discordant counts must be >= 0, got " + b + " and " + c);
        }
        long n = b + c;
        long k = Math.min(b, c);
        if (n == 0 || 2 * k == n) {
            return 1;
        }
        // Terms in log space: 2^-n underflows a double beyond n = 1074 discordant images.
        // log C(n,i+1) = log C(n,i) + log((n−i)/(i+1)); the tail is summed relative to its largest term, i = k.
        double[] logTerm = new double[(int) k + 1];
        double log = -n * Math.log(2);
        for (int i = 0; i <= k; i++) {
            logTerm[i] = log;
            log += Math.log((double) (n - i) / (i + 1));
        }
        double sum = 0;
        for (int i = 0; i <= k; i++) {
            sum += Math.exp(logTerm[i] - logTerm[(int) k]);
        }
        double tail = Math.exp(logTerm[(int) k] + Math.log(sum));
        return Math.min(1, 2 * tail);
    }
}
