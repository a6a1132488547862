package org.robustgrid.harness.report;

import java.util.Map;

/** Table cells and notes, escaped: the markup every section writes. */
final class Html {

    private Html() {}

    static void cell(StringBuilder h, String v, boolean number) {
        h.append(number ? "<td class=\"num\">" : "<td>").append(Svg.esc(v)).append("</td>");
    }

    /** A spec's short label, the whole spec on hover. */
    static void spec(StringBuilder h, String full, Map<String, String> labels) {
        String label = labels.getOrDefault(full, full);
        h.append("<td title=\"").append(Svg.esc(full)).append("\">").append(Svg.esc(label)).append("</td>");
    }

    static void note(StringBuilder h, String text) {
        h.append("<p class=\"note\">").append(Svg.esc(text)).append("</p>\n");
    }
}
