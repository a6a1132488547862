package org.robustgrid.harness.results;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.robustgrid.harness.spi.Budget;
import org.robustgrid.harness.stats.RobustnessCurve;

/**
 * One evaluation, image by image: what the row's numbers are made of, kept so that a worst case over
 * attacks, paired tests between models and robustness curves can be computed later without attacking
 * again. Images are the eval images in order.
 *
 * @param clean whether the clean image was classified correctly
 * @param adversarial whether the attacked image was classified correctly
 * @param robust whether the image counts as robust at the row's budget ({@link #of})
 * @param l2 the L2 norm of the perturbation, [0,1] pixel units (NaN where not kept, as in a worst case)
 * @param linf the L∞ norm of the perturbation
 */
public record Outcomes(boolean[] clean, boolean[] adversarial, boolean[] robust, float[] l2, float[] linf) {

    public Outcomes {
        int n = clean.length;
        if (adversarial.length != n || robust.length != n || l2.length != n || linf.length != n) {
            throw new IllegalArgumentException("per-image arrays of different lengths");
        }
    }

    /**
     * The outcomes of one attack, robustness decided by AutoAttack's convention: the clean image is right
     * and the attack did not succeed within the budget.
     *
     * @param budget the budget the row is reported at; empty for an attack reported without one
     * @param bounded whether the attack projects into its budget (then success is success); false for a
     *     minimum-norm attack, whose success counts only when its perturbation is within the budget
     */
    public static Outcomes of(boolean[] clean, boolean[] adversarial, float[] l2, float[] linf, Optional<Budget> budget,
            boolean bounded) {
        boolean[] r = new boolean[clean.length];
        for (int i = 0; i < r.length; i++) {
            double norm = budget.isEmpty() ? Double.NaN : budget.get().norm() == Budget.Norm.LINF ? linf[i] : l2[i];
            boolean beyondBudget = !bounded && budget.isPresent() && !budget.get().admits(norm);
            r[i] = clean[i] && (adversarial[i] || beyondBudget);
        }
        return new Outcomes(clean, adversarial, r, l2, linf);
    }

    /** How many images are robust. */
    public long robustCount() {
        long k = 0;
        for (boolean b : robust) {
            k += b ? 1 : 0;
        }
        return k;
    }

    public int size() {
        return clean.length;
    }

    /** Per image, the minimal norm of {@link RobustnessCurve}: NaN for a wrong clean image, +∞ where the attack failed. */
    public double[] minimalNorms(Budget.Norm norm) {
        double[] out = new double[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = !clean[i] ? Double.NaN : adversarial[i] ? Double.POSITIVE_INFINITY : norm(i, norm);
        }
        return out;
    }

    private double norm(int i, Budget.Norm norm) {
        return norm == Budget.Norm.LINF ? linf[i] : l2[i];
    }

    static final String HEADER = "image,clean,adversarial,robust,l2,linf";

    void write(OutputStream out) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < size(); i++) {
            sb.append(i).append(',').append(clean[i] ? 1 : 0).append(',').append(adversarial[i] ? 1 : 0).append(',')
                    .append(robust[i] ? 1 : 0).append(',')
                    .append(String.format(Locale.ROOT, "%.7g,%.7g", l2[i], linf[i])).append('\n');
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    static Outcomes read(InputStream in) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String header = r.readLine();
        if (!HEADER.equals(header)) {
            throw new IOException("expected the header '" + HEADER + "', got '" + header + "'");
        }
        List<String[]> lines = new ArrayList<>();
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            if (!line.isBlank()) {
                lines.add(line.split(",", -1));
            }
        }
        int n = lines.size();
        boolean[] clean = new boolean[n];
        boolean[] adv = new boolean[n];
        boolean[] rob = new boolean[n];
        float[] l2 = new float[n];
        float[] linf = new float[n];
        for (int i = 0; i < n; i++) {
            String[] f = lines.get(i);
            if (f.length != 6 || Integer.parseInt(f[0]) != i) {
                throw new IOException("line " + (i + 2) + " is not image " + i + " with 6 fields");
            }
            clean[i] = f[1].equals("1");
            adv[i] = f[2].equals("1");
            rob[i] = f[3].equals("1");
            l2[i] = Float.parseFloat(f[4]);
            linf[i] = Float.parseFloat(f[5]);
        }
        return new Outcomes(clean, adv, rob, l2, linf);
    }
}
