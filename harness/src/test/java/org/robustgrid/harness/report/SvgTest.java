package org.robustgrid.harness.report;

import org.robustgrid.harness.results.Column;
import org.robustgrid.harness.results.ResultRow;
import org.robustgrid.harness.results.ResultsStore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SvgTest {

    @Test
    void viridisEndsAtItsPublishedColors() {
        // matplotlib's viridis: first entry (0.267004, 0.004874, 0.329415), last (0.993248, 0.906157, 0.143936)
        assertEquals("#440154", Svg.viridis(0));
        assertEquals("#fde725", Svg.viridis(1));
        assertEquals("#440154", Svg.viridis(-3), "clamped");
        assertEquals("#21918c", Svg.viridis(0.5));
    }

    @Test
    void inkIsWhiteOnDarkAndBlackOnLight() {
        assertEquals("#ffffff", Svg.ink("#440154"));
        assertEquals("#000000", Svg.ink("#fde725"));
        assertEquals("#000000", Svg.ink("#ffffff"));
        assertEquals("#ffffff", Svg.ink("#000000"));
    }

    @Test
    void escapesEveryMarkupCharacter() {
        assertEquals("&lt;a href=&quot;x&quot;&gt;&amp;&#39;", Svg.esc("<a href=\"x\">&'"));
    }

    @Test
    void coordinatesHaveNoLocaleAndNoTrailingZeros() {
        assertEquals("12.5", Svg.n(12.5));
        assertEquals("3", Svg.n(3.0));
        assertEquals("0.33", Svg.n(1 / 3.0));
        assertEquals("0", Svg.n(-0.001));
    }

    @Test
    void linesOfElevenActivationsDifferInColourOrDash() {
        java.util.List<LineChart.Line> lines = new java.util.ArrayList<>();
        for (int i = 0; i < 11; i++) {
            lines.add(new LineChart.Line("a" + i, "a" + i, Svg.style(i), new double[] {0, 1}, new double[] {0.5, 0.4}));
        }
        String svg = new LineChart("c", "c", "x", "y", lines, 0, 1, Double.NaN).svg();
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("<polyline class=\"line\" data-line=\"(a\\d+)\" fill=\"none\" stroke=\"(#\\w+)\" stroke-width=\"1.6\"( stroke-dasharray=\"[^\"]+\")?")
                .matcher(svg);
        java.util.Set<String> looks = new java.util.HashSet<>();
        int n = 0;
        while (m.find()) {
            n++;
            assertEquals(true, looks.add(m.group(2) + "|" + m.group(3)), m.group(1) + " looks like an earlier line");
        }
        assertEquals(11, n);
        // the first eight are solid in eight colours; the ninth (telu in the study's order) repeats the first colour, dashed
        assertEquals(Svg.style(0).color(), Svg.style(8).color());
        assertEquals("", Svg.style(0).dash());
        assertEquals(" stroke-dasharray=\"7 4\"", Svg.style(8).dash());
    }
}
