package org.robustgrid.harness.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.robustgrid.harness.results.ResultRow;

/**
 * A grouped bar chart of accuracies on a fixed 0..1 axis: one group per category, one bar per series,
 * a value label above every bar, a whisker over its 95% interval, optional dashed reference lines
 * labelled in the right margin. Bars are {@code <rect class="bar">} with {@code data-group},
 * {@code data-series} and {@code data-value}; whiskers {@code <line class="interval">} with
 * {@code data-low} and {@code data-high}; gridlines are {@code <line class="grid" data-tick="…">}, so
 * the drawing can be checked against its numbers. Series past the palette's eight colours are hatched
 * ({@link Svg#style}), so no two series look alike.
 *
 * @param name what the chart shows, in its {@code data-chart} attribute
 * @param title the chart title
 * @param xLabel what the groups are
 * @param groups the categories, left to right
 * @param series the bars of each group, left to right (legend order)
 * @param values value of series {@code s} in group {@code g} at {@code [g][s]}: a fraction in [0,1], NaN when missing
 * @param low the lower end of each bar's 95% interval at {@code [g][s]}, NaN for no whisker
 * @param high the upper end of each bar's 95% interval at {@code [g][s]}, NaN for no whisker
 * @param tips hover text of each bar at {@code [g][s]}
 * @param references dashed horizontal lines across the plot
 */
record BarChart(String name, String title, String xLabel, List<Item> groups, List<Series> series, double[][] values, double[][] low,
        double[][] high, String[][] tips, List<Reference> references) {

    /**
     * A group or a series.
     *
     * @param key the full text (a canonical spec), kept in {@code data-*} attributes and tooltips
     * @param label the short text drawn on the chart
     */
    record Item(String key, String label) {}

    /**
     * A series: one bar in every group.
     *
     * @param key the full text (a canonical spec, or {@code natural}), kept in {@code data-series}
     * @param label the legend text
     * @param style its colour, and its hatching past the palette's eight colours
     */
    record Series(String key, String label, Svg.Style style) {}

    /**
     * A horizontal line at {@code value}, drawn in {@code color} and labelled at the right.
     *
     * @param label what the line is
     * @param value a fraction in [0,1]
     * @param color {@code #rrggbb}
     */
    record Reference(String label, double value, String color) {}

    /** Height in pixels of the 0..1 axis. */
    static final double PLOT_HEIGHT = 300;

    private static final double FONT = 12;
    private static final double VALUE_FONT = 10;
    private static final double GAP = 14;
    private static final double TARGET_WIDTH = 1120;
    /** Widest plot band before groups wrap: a 1400-pixel window less the margins. */
    private static final double MAX_PLOT_WIDTH = 1240;
    /** Narrowest bar: a rotated 10-pixel value label still fits above it. */
    private static final double MIN_BAR = 12;
    private static final double MAX_BAR = 30;
    private static final int MAX_LABEL = 34;
    private static final double LABEL_ANGLE = 40;
    /** A white outline under text drawn over lines, so that a dashed line never cuts through a number. */
    static final String HALO = "stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\"";

    /**
     * The chart as one {@code <svg>} element. Groups that do not fit {@link #MAX_PLOT_WIDTH} at the least
     * readable bar width wrap into further bands, each with its own axis, rather than shrinking bars
     * until their value labels collide.
     */
    String svg() {
        int ng = groups.size();
        int ns = Math.max(1, series.size());

        double right = 20;
        List<Reference> refs = new ArrayList<>(references);
        refs.sort(Comparator.comparingDouble(Reference::value).reversed());
        for (Reference r : refs) {
            right = Math.max(right, Svg.textWidth(refLabel(r), FONT) + 16);
        }
        double room = MAX_PLOT_WIDTH - Math.max(0, right - 20);
        int bands = (int) Math.max(1, Math.ceil(ng * (ns * MIN_BAR + GAP) / room));
        int perBand = (int) Math.ceil(Math.max(1, ng) / (double) bands);
        double bar = Math.max(MIN_BAR, Math.min(MAX_BAR, (TARGET_WIDTH / perBand - GAP) / ns));
        double groupWidth = ns * bar + GAP;
        double plotWidth = perBand * groupWidth;

        double left = 64;
        double maxLabel = 0;
        for (Item g : groups) {
            maxLabel = Math.max(maxLabel, Svg.textWidth(Svg.clip(g.label(), MAX_LABEL), FONT));
        }
        boolean rotate = maxLabel > groupWidth - 4;
        double labelDepth = rotate ? maxLabel * Math.sin(Math.toRadians(LABEL_ANGLE)) + FONT + 8 : FONT + 8;
        double overhang = rotate ? Math.max(0, maxLabel * Math.cos(Math.toRadians(LABEL_ANGLE)) - groupWidth / 2 - left + 8) : 0;
        left += overhang;
        double width = Math.max(left + plotWidth + right, left + 600 + right);

        double legendTop = 42;
        List<String> legend = new ArrayList<>();
        double legendHeight = legend(legend, left, legendTop, width - left - 10);
        // room above the tallest bar for its rotated value label, and never less than the 1.0 tick needs
        double tallest = 0;
        for (int g = 0; g < values.length; g++) {
            for (int k = 0; k < values[g].length; k++) {
                double top = top(g, k);
                tallest = Double.isNaN(top) ? tallest : Math.max(tallest, Math.min(1, top));
            }
        }
        double headroom = Math.max(12, (tallest - 1) * PLOT_HEIGHT + 4 + Svg.textWidth("0.000", VALUE_FONT) + 4);
        double bandHeight = headroom + PLOT_HEIGHT + labelDepth + 10;
        double firstTop = legendTop + legendHeight + 6;
        double bottom = firstTop + bands * bandHeight + FONT;
        double height = bottom + 8;

        StringBuilder s = new StringBuilder();
        s.append(Svg.open(width, height, name, title));
        s.append(Svg.hatchDefs(name));
        s.append(Svg.text(left, 22, "start", 15, "font-weight=\"bold\"", 0, title));
        legend.forEach(s::append);
        for (int b = 0; b < bands; b++) {
            int from = b * perBand;
            int to = Math.min(ng, from + perBand);
            if (from >= to) {
                break;
            }
            double baseline = firstTop + b * bandHeight + headroom + PLOT_HEIGHT;
            double bandWidth = (to - from) * groupWidth;
            axis(s, left, bandWidth, baseline);
            // under the bars, so that a bar hides the line rather than the line crossing the bar
            references(s, refs, left, bandWidth, baseline);
            for (int g = from; g < to; g++) {
                group(s, g, left + (g - from) * groupWidth, bar, baseline, rotate);
                if (g > from) {
                    double sep = left + (g - from) * groupWidth;
                    s.append(Svg.line(sep, baseline, sep, baseline + 4, "stroke=\"#333333\" stroke-width=\"1\""));
                }
            }
        }
        s.append(Svg.text(left + plotWidth / 2, bottom, "middle", FONT, "font-weight=\"bold\" fill=\"#333333\"", 0, xLabel));
        s.append("</svg>\n");
        return s.toString();
    }

    /** Gridlines at every 0.2 with their values, and the y axis with its title. */
    private static void axis(StringBuilder s, double left, double plotWidth, double baseline) {
        for (int i = 0; i <= 5; i++) {
            double v = i / 5.0;
            double y = baseline - v * PLOT_HEIGHT;
            s.append(Svg.line(left, y, left + plotWidth, y,
                    "class=\"grid\" data-tick=\"" + Svg.n(v) + "\" stroke=\"" + (i == 0 ? "#333333" : "#dddddd") + "\" stroke-width=\"1\""));
            s.append(Svg.text(left - 6, y + 4, "end", FONT, "fill=\"#333333\"", 0, Svg.n(v)));
        }
        s.append(Svg.line(left, baseline, left, baseline - PLOT_HEIGHT, "stroke=\"#333333\" stroke-width=\"1\""));
        s.append(Svg.text(18, baseline - PLOT_HEIGHT / 2, "middle", FONT, "fill=\"#333333\"", -90, "accuracy (fraction correct)"));
    }

    /** The bars of group {@code g} from {@code x0}, each with its value above it, and the group's label below. */
    private void group(StringBuilder s, int g, double x0, double bar, double baseline, boolean rotate) {
        double gx = x0 + GAP / 2;
        for (int k = 0; k < series.size(); k++) {
            double v = values[g][k];
            double x = gx + k * bar;
            if (Double.isNaN(v)) {
                s.append(Svg.text(x + bar / 2, baseline - 4, "middle", VALUE_FONT, "fill=\"#666666\"", 0, "–"));
                continue;
            }
            double h = Math.max(0, Math.min(1, v)) * PLOT_HEIGHT;
            Svg.Style style = series.get(k).style();
            s.append("<rect class=\"bar\" data-group=\"").append(Svg.esc(groups.get(g).key())).append("\" data-series=\"")
                    .append(Svg.esc(series.get(k).key())).append("\" data-value=\"").append(ResultRow.fmt(v)).append("\" x=\"")
                    .append(Svg.n(x + 0.5)).append("\" y=\"").append(Svg.n(baseline - h)).append("\" width=\"").append(Svg.n(bar - 1))
                    .append("\" height=\"").append(Svg.n(h)).append("\" fill=\"").append(style.color())
                    .append("\" stroke=\"#333333\" stroke-width=\"0.5\"><title>").append(Svg.esc(tips[g][k])).append("</title></rect>\n");
            hatch(s, "hatch", style, x + 0.5, baseline - h, bar - 1, h);
            double top = baseline - Math.max(0, Math.min(1, top(g, k))) * PLOT_HEIGHT;
            whisker(s, g, k, x + bar / 2, baseline, bar);
            s.append(Svg.text(x + bar / 2 + VALUE_FONT * 0.35, Math.min(baseline - h, top) - 4, "start", VALUE_FONT,
                    "class=\"value\" fill=\"#222222\" " + HALO, -90, Svg.acc(v)));
        }
        double cx = gx + series.size() * bar / 2;
        String label = Svg.clip(groups.get(g).label(), MAX_LABEL);
        String tip = "<title>" + Svg.esc(groups.get(g).key()) + "</title></text>";
        if (rotate) {
            s.append(Svg.text(cx + 4, baseline + 14, "end", FONT, "class=\"group\" fill=\"#222222\"", -LABEL_ANGLE, label)
                    .replace("</text>", tip));
        } else {
            s.append(Svg.text(cx, baseline + 16, "middle", FONT, "class=\"group\" fill=\"#222222\"", 0, label).replace("</text>", tip));
        }
    }

    /** The highest point drawn for bar {@code [g][k]}: its interval's top where it has one, else its value. */
    private double top(int g, int k) {
        double v = values[g][k];
        return Double.isNaN(v) ? v : Double.isNaN(high[g][k]) ? v : Math.max(v, high[g][k]);
    }

    /** The hatching over a bar of a variant style, drawn over the bar's colour; nothing for the plain style. */
    private void hatch(StringBuilder s, String cls, Svg.Style style, double x, double y, double w, double h) {
        if (style.variant() > 0) {
            s.append("<rect class=\"").append(cls).append("\" x=\"").append(Svg.n(x)).append("\" y=\"").append(Svg.n(y)).append("\" width=\"").append(Svg.n(w))
                    .append("\" height=\"").append(Svg.n(h)).append("\" fill=\"url(#").append(Svg.esc(Svg.hatchId(name, style.variant())))
                    .append(")\" pointer-events=\"none\"/>\n");
        }
    }

    /** The 95% interval of bar {@code [g][k]} as a capped vertical line, when it has one. */
    private void whisker(StringBuilder s, int g, int k, double cx, double baseline, double bar) {
        double lo = low[g][k];
        double hi = high[g][k];
        if (Double.isNaN(lo) || Double.isNaN(hi)) {
            return;
        }
        double y1 = baseline - Math.max(0, Math.min(1, lo)) * PLOT_HEIGHT;
        double y2 = baseline - Math.max(0, Math.min(1, hi)) * PLOT_HEIGHT;
        double cap = Math.max(2, bar / 4);
        String attrs = "stroke=\"#111111\" stroke-width=\"1.2\"";
        s.append("<line class=\"interval\" data-low=\"").append(ResultRow.fmt(lo)).append("\" data-high=\"").append(ResultRow.fmt(hi))
                .append("\" x1=\"").append(Svg.n(cx)).append("\" y1=\"").append(Svg.n(y1)).append("\" x2=\"").append(Svg.n(cx))
                .append("\" y2=\"").append(Svg.n(y2)).append("\" ").append(attrs).append("/>\n");
        s.append(Svg.line(cx - cap, y1, cx + cap, y1, attrs));
        s.append(Svg.line(cx - cap, y2, cx + cap, y2, attrs));
    }

    /** Lays the legend out in rows no wider than {@code maxWidth}; returns its height. */
    private double legend(List<String> out, double left, double top, double maxWidth) {
        double x = left;
        double y = top;
        for (int k = 0; k < series.size(); k++) {
            String label = Svg.clip(series.get(k).label(), 40);
            double w = 14 + 6 + Svg.textWidth(label, FONT) + 18;
            if (x > left && x + w > left + maxWidth) {
                x = left;
                y += 20;
            }
            Svg.Style style = series.get(k).style();
            out.add("<rect class=\"legend\" x=\"" + Svg.n(x) + "\" y=\"" + Svg.n(y) + "\" width=\"14\" height=\"14\" fill=\"" + style.color()
                    + "\" stroke=\"#333333\" stroke-width=\"0.5\"/>\n");
            StringBuilder swatch = new StringBuilder();
            hatch(swatch, "legend-hatch", style, x, y, 14, 14);
            out.add(swatch.toString());
            out.add(Svg.text(x + 20, y + 11.5, "start", FONT, "fill=\"#222222\"", 0, label)
                    .replace("</text>", "<title>" + Svg.esc(series.get(k).key()) + "</title></text>"));
            x += w;
        }
        return y - top + 20;
    }

    private static String refLabel(Reference r) {
        return r.label() + " " + Svg.acc(r.value());
    }

    /** Dashed lines, with labels pushed apart vertically so that close values stay readable. */
    private static void references(StringBuilder s, List<Reference> refs, double left, double plotWidth, double baseline) {
        double[] ys = new double[refs.size()];
        for (int i = 0; i < refs.size(); i++) {
            ys[i] = baseline - Math.max(0, Math.min(1, refs.get(i).value())) * PLOT_HEIGHT + 4;
            if (i > 0 && ys[i] < ys[i - 1] + FONT + 2) {
                ys[i] = ys[i - 1] + FONT + 2;
            }
        }
        for (int i = 0; i < refs.size(); i++) {
            Reference r = refs.get(i);
            double y = baseline - Math.max(0, Math.min(1, r.value())) * PLOT_HEIGHT;
            s.append(Svg.line(left, y, left + plotWidth + 4, y, "class=\"reference\" data-value=\"" + ResultRow.fmt(r.value())
                    + "\" stroke=\"" + r.color() + "\" stroke-width=\"2\" stroke-dasharray=\"7 4\""));
            s.append(Svg.text(left + plotWidth + 8, ys[i], "start", FONT, "fill=\"" + darker(r.color()) + "\"", 0, refLabel(r)));
        }
    }

    /** Yellow and sky blue are too light for text on white; text uses a darker shade of the line's color. */
    private static String darker(String color) {
        int rgb = Integer.parseInt(color.substring(1), 16);
        int r = (rgb >> 16 & 0xFF) * 7 / 10;
        int g = (rgb >> 8 & 0xFF) * 7 / 10;
        int b = (rgb & 0xFF) * 7 / 10;
        return String.format(java.util.Locale.ROOT, "#%02x%02x%02x", r, g, b);
    }
}
