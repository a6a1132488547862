package org.robustgrid.harness.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Ranks models scored on the same images, with ties where the data cannot separate them.
 *
 * <p>The rule: sort the models by accuracy, best first (equal accuracy: by name). The first model is
 * the leader of group 1. Test the leader against every model below it with McNemar's exact test on
 * their per-image outcomes, and Holm-adjust that family of p-values. Going down the list, each model
 * whose adjusted p-value is at least α joins the leader's group; the first model the leader is
 * separated from (adjusted p &lt; α) becomes the leader of the next group, and the rule repeats from it
 * on the models below. Groups are therefore contiguous runs of the ranking; a model shares a rank with
 * its group's leader, never with a model of another group. Holm's adjustment makes "separated" a
 * claim whose family-wise error, per leader, is at most α: a rank shown as strict is one a reviewer
 * can rely on, at the price of more ties.
 */
public final class RankGroups {

    /** The conventional level: 5%. */
    public static final double ALPHA = 0.05;

    private RankGroups() {}

    /**
     * One ranked model.
     *
     * @param name the model's name as given
     * @param correct images it got right
     * @param images images it was scored on
     * @param group its rank group, 1 for the best, consecutive
     * @param leader the name of its group's leader (itself for a leader)
     * @param adjustedP Holm-adjusted McNemar p-value against the leader, in (0,1]; 1 for a leader
     */
    public record Ranked(String name, long correct, int images, int group, String leader, double adjustedP) {

        /** The model's accuracy, correct / images. */
        public double accuracy() {
            return (double) correct / images;
        }
    }

    /** {@link #of(Map, double)} at {@link #ALPHA}. */
    public static List<Ranked> of(Map<String, boolean[]> outcomes) {
        return of(outcomes, ALPHA);
    }

    /**
     * Ranks models into groups.
     *
     * @param outcomes model name to per-image outcomes (true: right), all of one length, on the same
     *     images in the same order
     * @param alpha the level of the tests, in (0,1)
     * @return every model, best first, with its group
     */
    public static List<Ranked> of(Map<String, boolean[]> outcomes, double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0,1), got " + alpha);
        }
        record Model(String name, boolean[] outcome, long correct) {}
        List<Model> models = new ArrayList<>();
        int images = -1;
        for (Map.Entry<String, boolean[]> e : outcomes.entrySet()) {
            boolean[] o = e.getValue();
            if (images >= 0 && o.length != images) {
                throw new IllegalArgumentException("model '" + e.getKey() + "' has " + o.length
                        + " outcomes, the others " + images + "; rank groups need the same images for every model");
            }
            images = o.length;
            long correct = 0;
            for (boolean b : o) {
                correct += b ? 1 : 0;
            }
            models.add(new Model(e.getKey(), o, correct));
        }
        if (images == 0) {
            throw new IllegalArgumentException("rank groups need at least one image");
        }
        models.sort(Comparator.comparingLong(Model::correct).reversed().thenComparing(Model::name));
        List<Ranked> ranked = new ArrayList<>();
        int group = 0;
        int i = 0;
        while (i < models.size()) {
            group++;
            Model leader = models.get(i);
            ranked.add(new Ranked(leader.name(), leader.correct(), images, group, leader.name(), 1));
            List<Model> rest = models.subList(i + 1, models.size());
            double[] raw = new double[rest.size()];
            for (int j = 0; j < raw.length; j++) {
                raw[j] = McNemar.compare(leader.outcome(), rest.get(j).outcome()).p();
            }
            double[] adjusted = Holm.adjust(raw);
            int joined = 0;
            while (joined < rest.size() && adjusted[joined] >= alpha) {
                Model m = rest.get(joined);
                ranked.add(new Ranked(m.name(), m.correct(), images, group, leader.name(), adjusted[joined]));
                joined++;
            }
            i += 1 + joined;
        }
        return List.copyOf(ranked);
    }
}
