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

/**
 * The breakdown of a composite attack's evaluation (AutoAttack's cascade): its stages in order, each stage's
 * time over all eval images, and per image the stage that broke it. Stored beside the per-image outcomes by
 * {@link OutcomeStore}; the robust accuracy after each stage follows from it and the clean outcomes.
 *
 * @param names the stages' names, in the order they ran
 * @param whiteBox per stage, whether it uses gradients
 * @param seconds per stage, its wall time in seconds
 * @param brokenBy per image, the index of the stage that broke it, -1 where none did
 */
public record Stages(List<String> names, boolean[] whiteBox, double[] seconds, int[] brokenBy) {

    public Stages {
        names = List.copyOf(names);
        if (whiteBox.length != names.size() || seconds.length != names.size()) {
            throw new IllegalArgumentException("per-stage arrays of different lengths");
        }
    }

    /**
     * The robust accuracy after each stage: the share of images whose clean image is right and that no stage up
     * to it broke.
     *
     * @param clean per image, whether the clean image is classified correctly
     */
    public double[] robustAfter(boolean[] clean) {
        double[] out = new double[names.size()];
        for (int s = 0; s < out.length; s++) {
            long k = 0;
            for (int i = 0; i < clean.length; i++) {
                k += clean[i] && (brokenBy[i] < 0 || brokenBy[i] > s) ? 1 : 0;
            }
            out[s] = (double) k / clean.length;
        }
        return out;
    }

    /** How many images each stage broke. */
    public int[] broken() {
        int[] out = new int[names.size()];
        for (int b : brokenBy) {
            if (b >= 0) {
                out[b]++;
            }
        }
        return out;
    }

    static final String SUMMARY = "stage,attack,white_box,seconds";
    static final String PER_IMAGE = "image,broken_by";

    /** The per-stage lines, then a blank line, then one line per image naming the stage that broke it (empty where none). */
    void write(OutputStream out) throws IOException {
        StringBuilder sb = new StringBuilder(SUMMARY).append('\n');
        for (int s = 0; s < names.size(); s++) {
            sb.append(s).append(',').append(names.get(s)).append(',').append(whiteBox[s] ? 1 : 0).append(',')
                    .append(String.format(Locale.ROOT, "%.3f", seconds[s])).append('\n');
        }
        sb.append('\n').append(PER_IMAGE).append('\n');
        for (int i = 0; i < brokenBy.length; i++) {
            sb.append(i).append(',').append(brokenBy[i] < 0 ? "" : names.get(brokenBy[i])).append('\n');
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    static Stages read(InputStream in) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        expect(SUMMARY, r.readLine());
        List<String> names = new ArrayList<>();
        List<Boolean> white = new ArrayList<>();
        List<Double> secs = new ArrayList<>();
        for (String line = r.readLine(); line != null && !line.isBlank(); line = r.readLine()) {
            String[] f = line.split(",", -1);
            if (f.length != 4 || Integer.parseInt(f[0]) != names.size()) {
                throw new IOException("stage line '" + line + "' is not stage " + names.size() + " with 4 fields");
            }
            names.add(f[1]);
            white.add(f[2].equals("1"));
            secs.add(Double.parseDouble(f[3]));
        }
        expect(PER_IMAGE, r.readLine());
        List<Integer> by = new ArrayList<>();
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != 2 || Integer.parseInt(f[0]) != by.size()) {
                throw new IOException("line '" + line + "' is not image " + by.size() + " with 2 fields");
            }
            int s = f[1].isEmpty() ? -1 : names.indexOf(f[1]);
            if (!f[1].isEmpty() && s < 0) {
                throw new IOException("image " + by.size() + " names stage '" + f[1] + "', which is not among " + names);
            }
            by.add(s);
        }
        boolean[] w = new boolean[names.size()];
        double[] sec = new double[names.size()];
        for (int s = 0; s < w.length; s++) {
            w[s] = white.get(s);
            sec[s] = secs.get(s);
        }
        return new Stages(names, w, sec, by.stream().mapToInt(Integer::intValue).toArray());
    }

    private static void expect(String header, String line) throws IOException {
        if (!header.equals(line)) {
            throw new IOException("expected the header '" + header + "', got '" + line + "'");
        }
    }
}
