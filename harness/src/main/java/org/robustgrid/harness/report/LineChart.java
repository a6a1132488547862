package org.robustgrid.harness.report;

import java.util.List;
import java.util.Locale;
import org.robustgrid.harness.plugin.SpecText;

/**
 * Lines over a numeric x axis, as inline SVG: robustness curves (accuracy against ε) and training
 * curves (loss against step). Each line is a {@code <polyline>} with its key, so tests can read it.
 *
 * @param name the chart's {@code data-chart} key
 * @param title its accessible title
 * @param xLabel the x axis label
 * @param yLabel the y axis label
 * @param lines the lines, drawn in order
 * @param yMin the bottom of the y axis
 * @param yMax the top of the y axis
 * @param marker an x to mark with a dashed vertical line (the budget), or NaN for none
 */
record LineChart(String name, String title, String xLabel, String yLabel, List<Line> lines, double yMin, double yMax, double marker) {

    /**
     * One line.
     *
     * @param key what it is, for {@code data-line}
     * @param label the legend's text
     * @param style its colour and dash pattern ({@link Svg#style})
     * @param x x values, increasing
     * @param y y values (NaN values break nothing: the point is left out)
     */
    record Line(String key, String label, Svg.Style style, double[] x, double[] y) {}

    private static final double WIDTH = 760;
    private static final double PLOT_HEIGHT = 260;
    private static final double LEFT = 60;
    /** Room right of the plot for half the last x tick's label ({@code 16/255}, {@code 11725}). */
    private static final double RIGHT = 36;
    private static final double TOP = 34;
    private static final double LEGEND_ROW = 16;

    String svg() {
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        for (Line l : lines) {
            for (double v : l.x()) {
                xMin = Math.min(xMin, v);
                xMax = Math.max(xMax, v);
            }
        }
        if (!(xMax > xMin)) {
            xMax = xMin + 1;
        }
        double plotWidth = WIDTH - LEFT - RIGHT;
        double height = TOP + PLOT_HEIGHT + 44 + LEGEND_ROW * lines.size();
        StringBuilder s = new StringBuilder(Svg.open(WIDTH, height, name, title));
        s.append(Svg.text(WIDTH / 2, 20, "middle", 14, "font-weight=\"bold\"", 0, title));
        for (int t = 0; t <= 4; t++) {
            double v = yMin + (yMax - yMin) * t / 4;
            double y = TOP + PLOT_HEIGHT * (1 - (double) t / 4);
            s.append(Svg.line(LEFT, y, LEFT + plotWidth, y, "stroke=\"#e0e0e0\""));
            s.append(Svg.text(LEFT - 6, y + 4, "end", 11, "", 0, String.format(Locale.ROOT, "%.2f", v)));
        }
        for (int t = 0; t <= 4; t++) {
            double v = xMin + (xMax - xMin) * t / 4;
            double x = LEFT + plotWidth * t / 4;
            s.append(Svg.text(x, TOP + PLOT_HEIGHT + 16, "middle", 11, "class=\"x-tick\"", 0, tick(v)));
        }
        s.append(Svg.text(LEFT + plotWidth / 2, TOP + PLOT_HEIGHT + 32, "middle", 12, "", 0, xLabel));
        s.append(Svg.text(14, TOP + PLOT_HEIGHT / 2, "middle", 12, "", -90, yLabel));
        if (!Double.isNaN(marker)) {
            double mx = LEFT + plotWidth * (marker - xMin) / (xMax - xMin);
            s.append(Svg.line(mx, TOP, mx, TOP + PLOT_HEIGHT, "class=\"marker\" stroke=\"#555\" stroke-dasharray=\"4 3\""));
        }
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            StringBuilder pts = new StringBuilder();
            for (int k = 0; k < l.x().length; k++) {
                if (Double.isNaN(l.y()[k]) || Double.isInfinite(l.y()[k])) {
                    continue;
                }
                double y = Math.max(yMin, Math.min(yMax, l.y()[k]));
                pts.append(pts.length() == 0 ? "" : " ").append(Svg.n(LEFT + plotWidth * (l.x()[k] - xMin) / (xMax - xMin))).append(',')
                        .append(Svg.n(TOP + PLOT_HEIGHT * (1 - (y - yMin) / (yMax - yMin))));
            }
            s.append("<polyline class=\"line\" data-line=\"").append(Svg.esc(l.key())).append("\" fill=\"none\" stroke=\"").append(l.style().color())
                    .append("\" stroke-width=\"1.6\"").append(l.style().dash()).append(" points=\"").append(pts).append("\"><title>").append(Svg.esc(l.label()))
                    .append("</title></polyline>\n");
            double ly = TOP + PLOT_HEIGHT + 48 + LEGEND_ROW * i;
            s.append(Svg.line(LEFT, ly - 4, LEFT + 24, ly - 4, "stroke=\"" + l.style().color() + "\" stroke-width=\"2\"" + l.style().dash()));
            s.append(Svg.text(LEFT + 30, ly, "start", 11, "", 0, l.label()));
        }
        return s.append("</svg>\n").toString();
    }

    /**
     * An x tick's label as the budgets are written: a fraction where the value is one ({@code 4/255}
     * on an L∞ axis, whose ticks are quarters of twice a budget in 255ths), a whole number where it is one
     * or from 100 up (training steps), else the shortest decimal ({@code 0.25}).
     */
    static String tick(double v) {
        if (Math.abs(v) >= 100 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return SpecText.value(Double.toString(v));
    }
}
