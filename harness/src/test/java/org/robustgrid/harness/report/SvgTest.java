package org.robustgrid.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        List<LineChart.Line> lines = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            lines.add(new LineChart.Line("a" + i, "a" + i, Svg.style(i), new double[] {0, 1}, new double[] {0.5, 0.4}));
        }
        String svg = new LineChart("c", "c", "x", "y", lines, 0, 1, Double.NaN).svg();
        Matcher m = Pattern
                .compile("<polyline class=\"line\" data-line=\"(a\\d+)\" fill=\"none\" stroke=\"(#\\w+)\" stroke-width=\"1.6\"( stroke-dasharray=\"[^\"]+\")?")
                .matcher(svg);
        Set<String> looks = new HashSet<>();
        int n = 0;
        while (m.find()) {
            n++;
            assertTrue(looks.add(m.group(2) + "|" + m.group(3)), m.group(1) + " looks like an earlier line");
        }
        assertEquals(11, n);
        // the first eight are solid in eight colours; the ninth (telu in the study's order) repeats the first colour, dashed
        assertEquals(Svg.style(0).color(), Svg.style(8).color());
        assertEquals("", Svg.style(0).dash());
        assertEquals(" stroke-dasharray=\"7 4\"", Svg.style(8).dash());
    }

    @Test
    void budgetAxesAreLabelledAsBudgetsAreWrittenAndFitTheChart() {
        double eps = 8 / 255.0;
        double[] x = new double[9];
        for (int i = 0; i < x.length; i++) {
            x[i] = 2 * eps * i / 8;
        }
        String linf = new LineChart("c", "c", "x", "y", List.of(new LineChart.Line("a", "a", Svg.style(0), x, new double[9])), 0, 1, eps).svg();
        assertEquals(List.of("0", "4/255", "8/255", "12/255", "16/255"), xTicks(linf));
        String l2 = new LineChart("c", "c", "x", "y", List.of(new LineChart.Line("a", "a", Svg.style(0), new double[] {0, 1}, new double[2])), 0, 1,
                0.5).svg();
        assertEquals(List.of("0", "0.25", "0.5", "0.75", "1"), xTicks(l2));
        String steps = new LineChart("c", "c", "x", "y", List.of(new LineChart.Line("a", "a", Svg.style(0), new double[] {0, 11725}, new double[2])),
                0, 1, Double.NaN).svg();
        assertEquals(List.of("0", "2931", "5863", "8794", "11725"), xTicks(steps));
        // every label is centred on its tick: half of it (about 0.6 em a character, at 11px) must fit in the chart
        for (String svg : List.of(linf, l2, steps)) {
            Matcher width = Pattern.compile("<svg[^>]* width=\"([0-9.]+)\"").matcher(svg);
            assertTrue(width.find(), svg);
            Matcher label = Pattern.compile("<text x=\"([0-9.]+)\"[^>]*class=\"x-tick\">([^<]*)<").matcher(svg);
            while (label.find()) {
                assertTrue(Double.parseDouble(label.group(1)) + 0.3 * 11 * label.group(2).length() <= Double.parseDouble(width.group(1)),
                        label.group(2) + " runs off the chart");
            }
        }
    }

    private static List<String> xTicks(String svg) {
        Matcher m = Pattern.compile("class=\"x-tick\">([^<]*)<").matcher(svg);
        List<String> ticks = new ArrayList<>();
        while (m.find()) {
            ticks.add(m.group(1));
        }
        return ticks;
    }
}
