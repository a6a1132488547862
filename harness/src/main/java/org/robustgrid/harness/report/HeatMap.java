package org.robustgrid.harness.report;

import java.util.List;
import org.robustgrid.harness.results.ResultRow;

/**
 * A table of fractions drawn as colored cells on the viridis scale, each cell with its value printed,
 * each row's mean at its right and a color key below. The scale spans the data's range (widened to at
 * least 0.1 and rounded out to 0.05) so that differences between activations show. Cells are
 * {@code <rect class="cell">} with {@code data-row}, {@code data-col} and {@code data-value}, followed by
 * their {@code <text class="cell-value">}.
 *
 * @param name what the chart shows, in its {@code data-chart} attribute
 * @param title the chart title
 * @param rows the rows, top to bottom (already in the order to draw)
 * @param cols the columns, left to right
 * @param values value at {@code [row][col]}: a fraction in [0,1], NaN when missing
 * @param tips hover text of each cell at {@code [row][col]}
 */
record HeatMap(String name, String title, List<BarChart.Item> rows, List<BarChart.Item> cols, double[][] values, String[][] tips) {

    private static final double FONT = 12;
    private static final double CELL_H = 30;
    private static final double MIN_CELL_W = 84;
    private static final double MAX_CELL_W = 130;
    private static final int MAX_LABEL = 34;
    private static final double COL_ANGLE = 35;
    private static final String KEY = "robust accuracy (color scale)";

    /** The chart as one {@code <svg>} element. */
    String svg() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] row : values) {
            for (double v : row) {
                if (!Double.isNaN(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        }
        lo = Math.max(0, Math.floor(lo * 20 + 1e-9) / 20);
        hi = Math.min(1, Math.ceil(hi * 20 - 1e-9) / 20);
        if (hi - lo < 0.1) {
            hi = Math.min(1, lo + 0.1);
            lo = hi - 0.1;
        }

        double rowLabel = 0;
        for (BarChart.Item r : rows) {
            rowLabel = Math.max(rowLabel, Svg.textWidth(Svg.clip(r.label(), MAX_LABEL), FONT));
        }
        double colLabel = 0;
        for (BarChart.Item c : cols) {
            colLabel = Math.max(colLabel, Svg.textWidth(Svg.clip(c.label(), MAX_LABEL), FONT));
        }
        // wide enough for the column's label up to a point; longer labels are turned instead
        double cellW = Math.max(MIN_CELL_W, Math.min(MAX_CELL_W, colLabel + 14));
        boolean rotate = colLabel > cellW - 6;
        double left = rowLabel + 20;
        double headerDepth = rotate ? colLabel * Math.sin(Math.toRadians(COL_ANGLE)) + FONT + 4 : FONT + 8;
        double top = 40 + headerDepth + 6;
        double gridW = cols.size() * cellW;
        double gridH = rows.size() * CELL_H;
        double meanW = 90;
        double right = rotate ? Math.max(20, colLabel * Math.cos(Math.toRadians(COL_ANGLE)) - cellW / 2 - meanW) : 20;
        double keyW = Math.min(260, Math.max(160, gridW));
        double keyEnd = left + keyW + 6 + Svg.textWidth(Svg.n(hi) + "  " + KEY, FONT) + 10;
        double width = Math.max(Math.max(left + gridW + meanW + right, keyEnd), 480);
        double keyTop = top + gridH + 26;
        double height = keyTop + 14 + FONT + 16;

        StringBuilder s = new StringBuilder();
        s.append(Svg.open(width, height, name, title));
        s.append(Svg.text(10, 22, "start", 15, "font-weight=\"bold\"", 0, title));
        for (int c = 0; c < cols.size(); c++) {
            double cx = left + c * cellW + cellW / 2;
            String label = Svg.clip(cols.get(c).label(), MAX_LABEL);
            String tip = "<title>" + Svg.esc(cols.get(c).key()) + "</title></text>";
            if (rotate) {
                s.append(Svg.text(cx - 4, top - 8, "start", FONT, "class=\"col\" font-weight=\"bold\" fill=\"#222222\"", -COL_ANGLE, label)
                        .replace("</text>", tip));
            } else {
                s.append(Svg.text(cx, top - 8, "middle", FONT, "class=\"col\" font-weight=\"bold\" fill=\"#222222\"", 0, label)
                        .replace("</text>", tip));
            }
        }
        s.append(Svg.text(left + gridW + meanW / 2, top - 8, "middle", FONT, "font-style=\"italic\" fill=\"#222222\"", 0, "row mean"));
        for (int r = 0; r < rows.size(); r++) {
            double y = top + r * CELL_H;
            s.append(Svg.text(left - 8, y + CELL_H / 2 + 4, "end", FONT, "class=\"row\" fill=\"#222222\"", 0,
                    Svg.clip(rows.get(r).label(), MAX_LABEL)).replace("</text>", "<title>" + Svg.esc(rows.get(r).key()) + "</title></text>"));
            double sum = 0;
            int n = 0;
            for (int c = 0; c < cols.size(); c++) {
                double v = values[r][c];
                double x = left + c * cellW;
                String fill = Double.isNaN(v) ? "#eeeeee" : Svg.viridis((v - lo) / (hi - lo));
                s.append("<rect class=\"cell\" data-row=\"").append(Svg.esc(rows.get(r).key())).append("\" data-col=\"")
                        .append(Svg.esc(cols.get(c).key())).append("\" data-value=\"").append(ResultRow.fmt(v)).append("\" x=\"")
                        .append(Svg.n(x)).append("\" y=\"").append(Svg.n(y)).append("\" width=\"").append(Svg.n(cellW))
                        .append("\" height=\"").append(Svg.n(CELL_H)).append("\" fill=\"").append(fill)
                        .append("\" stroke=\"#ffffff\" stroke-width=\"1\"><title>").append(Svg.esc(tips[r][c])).append("</title></rect>\n");
                s.append(Svg.text(x + cellW / 2, y + CELL_H / 2 + 4, "middle", FONT,
                        "class=\"cell-value\" fill=\"" + (Double.isNaN(v) ? "#666666" : Svg.ink(fill)) + "\"", 0, Svg.acc(v)));
                if (!Double.isNaN(v)) {
                    sum += v;
                    n++;
                }
            }
            s.append(Svg.text(left + gridW + meanW / 2, y + CELL_H / 2 + 4, "middle", FONT, "class=\"row-mean\" fill=\"#222222\"", 0,
                    Svg.acc(n == 0 ? Double.NaN : sum / n)));
        }
        // color key
        int steps = 52;
        for (int i = 0; i < steps; i++) {
            s.append("<rect x=\"").append(Svg.n(left + i * keyW / steps)).append("\" y=\"").append(Svg.n(keyTop))
                    .append("\" width=\"").append(Svg.n(keyW / steps + 0.6)).append("\" height=\"12\" fill=\"")
                    .append(Svg.viridis(i / (steps - 1.0))).append("\"/>\n");
        }
        s.append(Svg.text(left - 6, keyTop + 10, "end", FONT, "fill=\"#333333\"", 0, Svg.n(lo)));
        s.append(Svg.text(left + keyW + 6, keyTop + 10, "start", FONT, "fill=\"#333333\"", 0,
                Svg.n(hi) + "  " + KEY));
        s.append("</svg>\n");
        return s.toString();
    }
}
