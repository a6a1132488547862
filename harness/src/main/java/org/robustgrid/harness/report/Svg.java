package org.robustgrid.harness.report;

import java.util.List;
import java.util.Locale;

/**
 * The small vocabulary the report's charts are drawn with: escaping, numbers in {@link Locale#ROOT},
 * the Okabe–Ito palette, a viridis scale and a text-width estimate. Output is XML as well as HTML
 * (no entities beyond the five predefined ones, every element closed) so that tests can parse it, and
 * carries no namespace URL, so the page holds no address at all.
 */
final class Svg {

    private Svg() {}

    /** Font stack of every chart and of the page: fonts the reader already has, none fetched. */
    static final String FONT = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif";

    /** Okabe–Ito colors (Okabe and Ito 2008), told apart by the common color-vision deficiencies; black last. */
    static final List<String> PALETTE = List.of("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442",
            "#000000");

    /** Viridis at nine evenly spaced points: sequential, perceptually uniform, readable in grey and by color-blind readers. */
    private static final int[] VIRIDIS = {0x440154, 0x472D7B, 0x3B528B, 0x2C728E, 0x21918C, 0x28AE80, 0x5EC962, 0xADDC30,
        0xFDE725};

    /** Colour of series {@code i}, cycling after the palette's eight; {@link #style} tells more series apart. */
    static String color(int i) {
        return PALETTE.get(i % PALETTE.size());
    }

    /** Stroke dash patterns of the line variants, solid first: each repeats the palette once more. */
    private static final List<String> DASHES = List.of("", "7 4", "2 3", "10 3 2 3");

    /**
     * How series {@code i} is drawn: the palette's colour, and after every eight series the next variant
     * (a dash pattern for lines, a hatching for bars), so that 32 series stay distinct: two series share a
     * colour only when their variants differ.
     *
     * @param color {@code #rrggbb}
     * @param variant 0 for the plain style, 1 to 3 for the dashed or hatched ones
     */
    record Style(String color, int variant) {

        /** The {@code stroke-dasharray} attribute of a line drawn in this style, with a leading space; empty when solid. */
        String dash() {
            String d = DASHES.get(variant);
            return d.isEmpty() ? "" : " stroke-dasharray=\"" + d + "\"";
        }
    }

    /** The style of series {@code i}, from 0. */
    static Style style(int i) {
        int k = Math.floorMod(i, PALETTE.size() * DASHES.size());
        return new Style(PALETTE.get(k % PALETTE.size()), k / PALETTE.size());
    }

    /**
     * The SVG {@code <pattern>}s that hatch bars of variants 1 to 3 (white strokes over the bar's own colour),
     * with ids that start with {@code prefix}: a page holds several charts, and ids are page-wide.
     */
    static String hatchDefs(String prefix) {
        StringBuilder s = new StringBuilder("<defs>\n");
        String[] transforms = {"rotate(45)", "rotate(-45)", "rotate(0)"};
        for (int v = 1; v < DASHES.size(); v++) {
            s.append("<pattern id=\"").append(esc(hatchId(prefix, v))).append("\" patternUnits=\"userSpaceOnUse\" width=\"5\" height=\"5\" patternTransform=\"")
                    .append(transforms[v - 1]).append("\">").append(v == 3
                            ? "<circle cx=\"2.5\" cy=\"2.5\" r=\"1.1\" fill=\"#ffffff\"/>"
                            : "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"5\" stroke=\"#ffffff\" stroke-width=\"1.6\"/>")
                    .append("</pattern>\n");
        }
        return s.append("</defs>\n").toString();
    }

    /** The id of the hatching of {@code variant} among the patterns {@link #hatchDefs} wrote for {@code prefix}. */
    static String hatchId(String prefix, int variant) {
        return prefix.replaceAll("[^A-Za-z0-9_-]", "_") + "-hatch-" + variant;
    }

    /** Viridis at {@code t} in [0,1] (clamped), as {@code #rrggbb}. */
    static String viridis(double t) {
        double x = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
        int i = Math.min((int) Math.floor(x), VIRIDIS.length - 2);
        double f = x - i;
        int a = VIRIDIS[i];
        int b = VIRIDIS[i + 1];
        int r = mix(a >> 16 & 0xFF, b >> 16 & 0xFF, f);
        int g = mix(a >> 8 & 0xFF, b >> 8 & 0xFF, f);
        int bl = mix(a & 0xFF, b & 0xFF, f);
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, bl);
    }

    /** Black or white, whichever reads better on {@code #rrggbb} (relative luminance against 0.4). */
    static String ink(String background) {
        int rgb = Integer.parseInt(background.substring(1), 16);
        double lum = 0.2126 * linear(rgb >> 16 & 0xFF) + 0.7152 * linear(rgb >> 8 & 0xFF) + 0.0722 * linear(rgb & 0xFF);
        return lum > 0.18 ? "#000000" : "#ffffff";
    }

    private static double linear(int c) {
        double s = c / 255.0;
        return s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }

    /** Text safe in HTML content, attribute values and XML alike. */
    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    // control characters are not allowed in XML 1.0; a results file should not hold any
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        sb.append(' ');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** A coordinate: at most two decimals, no trailing zeros, {@link Locale#ROOT}. */
    static String n(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return "-0".equals(s) ? "0" : s;
    }

    /** An accuracy as printed in charts and tables: three decimals, "–" when missing. */
    static String acc(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** A rough width in pixels of {@code text} at {@code fontSize}, enough to keep labels apart. */
    static double textWidth(String text, double fontSize) {
        return text.codePointCount(0, text.length()) * fontSize * 0.6;
    }

    /** {@code text} cut to {@code max} characters with an ellipsis. */
    static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, Math.max(1, max - 1)) + "…";
    }

    /** A {@code <text>} element; {@code anchor} is start, middle or end; {@code rotate} in degrees about (x, y). */
    static String text(double x, double y, String anchor, double size, String attrs, double rotate, String content) {
        String transform = rotate == 0 ? "" : " transform=\"rotate(" + n(rotate) + " " + n(x) + " " + n(y) + ")\"";
        return "<text x=\"" + n(x) + "\" y=\"" + n(y) + "\" text-anchor=\"" + anchor + "\" font-size=\"" + n(size) + "\""
                + transform + (attrs.isEmpty() ? "" : " " + attrs) + ">" + esc(content) + "</text>\n";
    }

    /** A {@code <line>}. */
    static String line(double x1, double y1, double x2, double y2, String attrs) {
        return "<line x1=\"" + n(x1) + "\" y1=\"" + n(y1) + "\" x2=\"" + n(x2) + "\" y2=\"" + n(y2) + "\" " + attrs + "/>\n";
    }

    /** The opening tag of a chart of the given size, with its accessible name. */
    static String open(double width, double height, String name, String title) {
        return "<svg class=\"chart\" data-chart=\"" + esc(name) + "\" width=\"" + n(width) + "\" height=\"" + n(height) + "\" viewBox=\"0 0 " + n(width)
                + " " + n(height) + "\" role=\"img\" aria-label=\"" + esc(title) + "\" font-family=\"" + FONT + "\">\n"
                + "<rect x=\"0\" y=\"0\" width=\"" + n(width) + "\" height=\"" + n(height) + "\" fill=\"#ffffff\"/>\n";
    }
}
