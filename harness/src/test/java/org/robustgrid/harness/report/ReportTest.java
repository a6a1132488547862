package org.robustgrid.harness.report;

import org.robustgrid.harness.results.Column;
import org.robustgrid.harness.results.ResultRow;
import org.robustgrid.harness.results.ResultsStore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class ReportTest {

    static final String FGSM = "fgsm(eps=0.03137254901960784)";
    static final String PGD = "pgd(alpha=0.00784313725490196,eps=0.03137254901960784,random-start=true,steps=20)";

    // ---- building rows

    static ResultRow row(String activation, String strategy, String partitioner, String share, String model, String attack,
            double natural, double robust) {
        Map<Column, String> v = new EnumMap<>(Column.class);
        v.put(Column.DATASET, "synthetic");
        v.put(Column.MODEL, "small-cnn(width=8)");
        v.put(Column.ACTIVATION, activation);
        v.put(Column.STRATEGY, strategy);
        v.put(Column.PARTITIONER, partitioner);
        v.put(Column.SHARE, share);
        v.put(Column.ATTACK, attack);
        v.put(Column.NATURAL_ACC, ResultRow.fmt(natural));
        v.put(Column.ROBUST_ACC, ResultRow.fmt(robust));
        v.put(Column.MODEL_KEY, model);
        v.put(Column.EVAL_KEY, model + "/" + attack);
        v.put(Column.SEED, "0");
        v.put(Column.STATUS, ResultRow.OK);
        v.put(Column.TIMESTAMP, "2025-12-10T08:00:00Z");
        return ResultRow.of(v);
    }

    static ResultRow central(String activation, String model, String attack, double natural, double robust) {
        return row(activation, "centralized", "none", "0", model, attack, natural, robust);
    }

    /** relu over two seeds (natural 0.6 and 0.8, FGSM 0.5 and 0.3, PGD 0.2 and 0.4) and gelu once. */
    static List<ResultRow> small() {
        return List.of(
                central("relu", "m0", FGSM, 0.6, 0.5), central("relu", "m0", PGD, 0.6, 0.2),
                central("relu", "m1", FGSM, 0.8, 0.3), central("relu", "m1", PGD, 0.8, 0.4),
                central("gelu", "m2", FGSM, 0.9, 0.45), central("gelu", "m2", PGD, 0.9, 0.15));
    }

    // ---- reading the page

    static final Pattern SVG = Pattern.compile("<svg[\\s\\S]*?</svg>");

    static Map<String, Document> charts(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        DocumentBuilder b = f.newDocumentBuilder();
        Map<String, Document> out = new LinkedHashMap<>();
        Matcher m = SVG.matcher(html);
        while (m.find()) {
            Document d = b.parse(new InputSource(new StringReader(m.group())));
            out.put(d.getDocumentElement().getAttribute("data-chart"), d);
        }
        return out;
    }

    static List<Element> byClass(Document d, String tag, String cls) {
        List<Element> out = new ArrayList<>();
        NodeList nl = d.getElementsByTagName(tag);
        for (int i = 0; i < nl.getLength(); i++) {
            Element e = (Element) nl.item(i);
            if (List.of(e.getAttribute("class").split(" ")).contains(cls)) {
                out.add(e);
            }
        }
        return out;
    }

    static double num(Element e, String attr) {
        return Double.parseDouble(e.getAttribute(attr));
    }

    /** The text of an element without its tooltip. */
    static String ownText(Element e) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < e.getChildNodes().getLength(); i++) {
            if (e.getChildNodes().item(i).getNodeType() == org.w3c.dom.Node.TEXT_NODE) {
                sb.append(e.getChildNodes().item(i).getNodeValue());
            }
        }
        return sb.toString();
    }

    static String section(String html, String id) {
        int from = html.indexOf("<section id=\"" + id + "\">");
        assertTrue(from >= 0, "no section " + id);
        return html.substring(from, html.indexOf("</section>", from));
    }

    // ---- tests

    @Test
    void activationsAreComparedWithReluWhenTwoSeedsAllowIt() {
        String page = Report.of(ActivationComparisonTest.rows(ActivationComparisonTest.GRID, 0, 1)).html("results.csv");
        assertTrue(page.contains("<h2>Activations against ReLU</h2>"), "two seeds and ReLU: the comparison is drawn");
        Matcher gelu = Pattern.compile("<tr><td>gelu[^<]*</td>.*?<td>(higher|lower|not separated)</td></tr>").matcher(page);
        assertTrue(gelu.find(), page);
        assertEquals("higher", gelu.group(1));
        Map<String, double[]> oneSeed = Map.of("relu", new double[] {0.7, 0.7}, "mish", new double[] {0.71, 0.72});
        assertFalse(Report.of(ActivationComparisonTest.rows(oneSeed, 0)).html("results.csv").contains("Activations against ReLU"),
                "one seed: no seed noise to test against, no section");
    }

    @Test
    void everyChartOfARealisticFileIsWellFormedXml() throws Exception {
        Map<String, Document> charts = charts(Report.of(FakeResults.rows()).html("results.csv"));
        assertEquals(List.of("activations", "heatmap", "federated"), List.copyOf(charts.keySet()));
    }

    @Test
    void oneBarPerActivationAndSeriesWithHeightProportionalToItsValue() throws Exception {
        Document d = charts(Report.of(small()).html("r.csv")).get("activations");
        // the mean over seeds, worked out by hand: relu natural (0.6+0.8)/2, FGSM (0.5+0.3)/2, PGD (0.2+0.4)/2
        Map<String, Double> expected = Map.of("relu|natural", 0.7, "relu|" + FGSM, 0.4, "relu|" + PGD, 0.3, "gelu|natural", 0.9,
                "gelu|" + FGSM, 0.45, "gelu|" + PGD, 0.15);
        List<Element> bars = byClass(d, "rect", "bar");
        assertEquals(expected.size(), bars.size());
        Element zero = byClass(d, "line", "grid").stream().filter(e -> e.getAttribute("data-tick").equals("0")).findFirst().orElseThrow();
        Element one = byClass(d, "line", "grid").stream().filter(e -> e.getAttribute("data-tick").equals("1")).findFirst().orElseThrow();
        double scale = num(zero, "y1") - num(one, "y1");
        assertTrue(scale > 100, "axis 0..1 spans " + scale + " px");
        for (Element bar : bars) {
            String key = bar.getAttribute("data-group") + "|" + bar.getAttribute("data-series");
            double want = expected.get(key);
            assertEquals(want * scale, num(bar, "height"), 0.011, key);
            assertEquals(num(zero, "y1"), num(bar, "y") + num(bar, "height"), 0.011, key + " stands on the 0 line");
        }
    }

    @Test
    void barsCarryTheirNinetyFivePercentIntervals() throws Exception {
        // one model per activation: each whisker is that row's own interval
        List<ResultRow> rows = List.of(withIntervals(central("relu", "m0", FGSM, 0.8, 0.5), 0.78, 0.82, 0.45, 0.55),
                withIntervals(central("gelu", "m1", FGSM, 0.7, 0.3), 0.68, 0.72, 0.26, 0.34));
        Document d = charts(Report.of(rows).html("r.csv")).get("activations");
        Map<Double, Double> whiskers = new LinkedHashMap<>();
        for (Element w : byClass(d, "line", "interval")) {
            whiskers.put(num(w, "data-low"), num(w, "data-high"));
        }
        assertEquals(Map.of(0.78, 0.82, 0.45, 0.55, 0.68, 0.72, 0.26, 0.34), whiskers);
        Element zero = byClass(d, "line", "grid").stream().filter(e -> e.getAttribute("data-tick").equals("0")).findFirst().orElseThrow();
        Element w = byClass(d, "line", "interval").stream().filter(e -> num(e, "data-low") == 0.45).findFirst().orElseThrow();
        assertEquals(num(zero, "y1") - 0.45 * BarChart.PLOT_HEIGHT, num(w, "y1"), 0.011, "the whisker starts at its lower end");
        assertEquals(num(zero, "y1") - 0.55 * BarChart.PLOT_HEIGHT, num(w, "y2"), 0.011, "and ends at its upper end");
    }

    @Test
    void twentySeriesStayDistinctAndNaturalIsNeverARobustColour() throws Exception {
        java.util.Set<Svg.Style> seen = new java.util.HashSet<>();
        for (int i = 0; i < 20; i++) {
            assertTrue(seen.add(Svg.style(i)), "series " + i + " looks like an earlier one: " + Svg.style(i));
            assertFalse(Svg.style(i).color().equals(ReportData.NATURAL_STYLE.color()), "series " + i + " has natural's colour");
        }
        // nine attacks: the ninth wraps the palette and is hatched, and the natural bar keeps a colour of its own
        List<ResultRow> rows = new ArrayList<>();
        for (int a = 0; a < 9; a++) {
            rows.add(central("relu", "m0", "fgsm(eps=0.0" + (a + 1) + ")", 0.8, 0.5 - a * 0.01));
        }
        Document d = charts(Report.of(rows).html("r.csv")).get("activations");
        Map<String, String> fills = new LinkedHashMap<>();
        for (Element bar : byClass(d, "rect", "bar")) {
            fills.put(bar.getAttribute("data-series"), bar.getAttribute("fill"));
        }
        String natural = fills.remove("natural");
        assertFalse(fills.containsValue(natural), "natural " + natural + " among " + fills);
        assertEquals(1, byClass(d, "rect", "hatch").size(), "the ninth attack's bar is hatched");
        assertTrue(byClass(d, "rect", "hatch").get(0).getAttribute("fill").startsWith("url(#activations-hatch-"));
    }

    static ResultRow withIntervals(ResultRow r, double natLow, double natHigh, double robLow, double robHigh) {
        Map<Column, String> v = new EnumMap<>(Column.class);
        for (Column c : Column.values()) {
            v.put(c, r.get(c));
        }
        v.put(Column.NATURAL_LOW, ResultRow.fmt(natLow));
        v.put(Column.NATURAL_HIGH, ResultRow.fmt(natHigh));
        v.put(Column.ROBUST_LOW, ResultRow.fmt(robLow));
        v.put(Column.ROBUST_HIGH, ResultRow.fmt(robHigh));
        return ResultRow.of(v);
    }

    @Test
    void naturalAccuracyIsAveragedOverModelsNotRows() throws Exception {
        // m0 has two rows (natural 0.6), m1 one (0.9): over models (0.6+0.9)/2 = 0.75; over rows it would be 0.7
        List<ResultRow> rows = List.of(central("relu", "m0", FGSM, 0.6, 0.3), central("relu", "m0", PGD, 0.6, 0.2),
                central("relu", "m1", FGSM, 0.9, 0.5));
        Document d = charts(Report.of(rows).html("r.csv")).get("activations");
        Element natural = byClass(d, "rect", "bar").stream().filter(e -> e.getAttribute("data-series").equals("natural")).findFirst()
                .orElseThrow();
        assertEquals(0.75 * BarChart.PLOT_HEIGHT, num(natural, "height"), 0.011);
        assertTrue(section(Report.of(rows).html("r.csv"), "overview").contains("2 trained models, 3 rows"));
    }

    @Test
    void heatMapHasACellPerActivationAndAttackWithItsValuePrintedBestRowFirst() throws Exception {
        Document d = charts(Report.of(small()).html("r.csv")).get("heatmap");
        List<Element> cells = byClass(d, "rect", "cell");
        assertEquals(2 * 2, cells.size());
        List<Element> printed = byClass(d, "text", "cell-value");
        Map<String, String> text = new LinkedHashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            text.put(cells.get(i).getAttribute("data-row") + "|" + cells.get(i).getAttribute("data-col"), ownText(printed.get(i)));
        }
        assertEquals(Map.of("relu|" + FGSM, "0.400", "relu|" + PGD, "0.300", "gelu|" + FGSM, "0.450", "gelu|" + PGD, "0.150"), text);
        // relu's mean robust accuracy (0.4+0.3)/2 = 0.35 beats gelu's (0.45+0.15)/2 = 0.30: relu is the top row
        double reluY = cells.stream().filter(c -> c.getAttribute("data-row").equals("relu")).mapToDouble(c -> num(c, "y")).max().orElseThrow();
        double geluY = cells.stream().filter(c -> c.getAttribute("data-row").equals("gelu")).mapToDouble(c -> num(c, "y")).min().orElseThrow();
        assertTrue(reluY < geluY, "relu above gelu");
    }

    @Test
    void hostileNamesAreEscapedAndSurviveTheRoundTrip() throws Exception {
        String evil = "<script>alert(\"x&y\")</script>";
        String attack = "fgsm(eps=1/2&x='<b>')";
        List<ResultRow> rows = List.of(central(evil, "m0", attack, 0.5, 0.25), central("relu", "m1", attack, 0.5, 0.25));
        String html = Report.of(rows).html("a <b>&c.csv");
        assertFalse(html.contains("<script"), "raw script tag");
        assertFalse(html.contains("<b>"), "raw markup");
        assertTrue(html.contains("&lt;script&gt;"));
        Map<String, Document> charts = charts(html);
        List<String> groups = byClass(charts.get("activations"), "rect", "bar").stream().map(e -> e.getAttribute("data-group")).toList();
        assertTrue(groups.contains(evil), groups.toString());
        List<String> cols = byClass(charts.get("heatmap"), "rect", "cell").stream().map(e -> e.getAttribute("data-col")).toList();
        assertTrue(cols.contains(attack), cols.toString());
    }

    @Test
    void pageFetchesNothing() {
        String html = Report.of(FakeResults.rows()).html("results.csv").toLowerCase(Locale.ROOT);
        for (String s : List.of("http", "//", "src=", "href=", "url(", "@import", "<link", "<script", "<img", "<iframe", "<object")) {
            assertFalse(html.contains(s), "page holds '" + s + "'");
        }
    }

    @Test
    void federatedChartOnlyWhenFederatedRowsExist() throws Exception {
        String centralOnly = Report.of(small()).html("r.csv");
        assertFalse(charts(centralOnly).containsKey("federated"));
        assertTrue(section(centralOnly, "federated").contains("No federated rows"));

        List<ResultRow> rows = FakeResults.rows();
        Document d = charts(Report.of(rows).html("r.csv")).get("federated");
        List<String> groups = byClass(d, "rect", "bar").stream().map(e -> e.getAttribute("data-group")).distinct().toList();
        assertEquals(4, groups.size(), groups.toString());
        assertTrue(groups.get(0).contains("iid") && groups.get(3).contains("share=0.4"), groups.toString());
        // the centralized reference: ReLU's centralized models (the federated activation), natural accuracy once per model
        double want = rows.stream().filter(r -> r.ok() && r.get(Column.STRATEGY).equals("centralized") && r.get(Column.ACTIVATION).equals("relu"))
                .filter(r -> r.get(Column.ATTACK).equals(FakeResults.ATTACKS.get(0))).mapToDouble(r -> r.number(Column.NATURAL_ACC))
                .average().orElseThrow();
        List<Double> refs = byClass(d, "line", "reference").stream().map(e -> num(e, "data-value")).toList();
        assertEquals(1 + FakeResults.ATTACKS.size(), refs.size());
        assertTrue(refs.stream().anyMatch(v -> Math.abs(v - want) < 1e-6), refs + " holds " + want);

        List<ResultRow> fedOnly = rows.stream().filter(r -> r.model().federated()).toList();
        String html = Report.of(fedOnly).html("r.csv");
        assertTrue(byClass(charts(html).get("federated"), "line", "reference").isEmpty());
        assertTrue(section(html, "federated").contains("No centralized rows"));
    }

    @Test
    void aStrategyIsFederatedBecauseTheRowSaysSoNotBecauseOfItsId() {
        // a third-party strategy that trains on one machine, under an id the harness has never heard of
        Map<Column, String> v = new EnumMap<>(row("relu", "my-central", "none", "0", "m9", FGSM, 0.7, 0.4).values());
        v.put(Column.SCHEMA_VERSION, Integer.toString(Column.SCHEMA));
        v.put(Column.FEDERATED, "false");
        String html = Report.of(List.of(ResultRow.of(v))).html("r.csv");
        assertTrue(section(html, "federated").contains("No federated rows"), section(html, "federated"));
        v.put(Column.FEDERATED, "true");
        v.put(Column.STRATEGY, "centralized");
        html = Report.of(List.of(ResultRow.of(v))).html("r.csv");
        assertTrue(section(html, "activations").contains("All models here are federated"), section(html, "activations"));
    }

    @Test
    void sameBytesUnderEveryDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.ROOT);
            String root = Report.of(FakeResults.rows()).html("results.csv");
            for (Locale l : List.of(Locale.GERMANY, Locale.forLanguageTag("ar-EG"), Locale.forLanguageTag("tr-TR"))) {
                Locale.setDefault(l);
                assertEquals(root, Report.of(FakeResults.rows()).html("results.csv"), l.toString());
            }
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void failedRowsAndWarningsAreListedWithTheirReasons() {
        String html = Report.of(FakeResults.rows()).html("results.csv");
        String failed = section(html, "failed");
        assertEquals(FakeResults.ATTACKS.size(), failed.split("<tr>").length - 2, "one table row per failed row, after the header");
        assertTrue(failed.contains("loss is NaN at step 412"));
        assertTrue(section(html, "warnings").contains("gradient masking suspected"));
        assertTrue(section(Report.of(small()).html("r.csv"), "failed").contains("No failed rows"));
    }

    @Test
    void headerSaysWhatWasRunAndHowToRedrawIt() {
        String head = section(Report.of(FakeResults.rows()).html("runs/results.csv"), "overview");
        for (String s : List.of("cifar10", "resnet18", "26 trained models, 104 rows (100 ok, 4 failed)", "0.36.0", "PyTorch 2.7.1",
                "NVIDIA H100", "2025-12-10 08:00 UTC", "./robustgrid report runs/results.csv",
                "fgsm(eps=8/255); pgd(alpha=2/255,eps=8/255,random-start=true,steps=20)", "pgd(alpha=2/255,eps=8/255,random-start=true,steps=10)")) {
            assertTrue(head.contains(s), "header holds " + s + ": " + head);
        }
        assertFalse(head.contains("0.0313"), "specs as written, not as decimals");
    }

    @Test
    void twentyActivationsKeepTheirLabelsApartWithinTheWindow() throws Exception {
        List<ResultRow> rows = new ArrayList<>();
        for (int a = 0; a < 20; a++) {
            for (String att : List.of(FGSM, PGD, "cw", "deepfool")) {
                rows.add(central("activation-number-" + a, "m" + a, att, 0.9, 0.2 + 0.03 * a));
            }
        }
        Document d = charts(Report.of(rows).html("r.csv")).get("activations");
        double width = num(d.getDocumentElement(), "width");
        double height = num(d.getDocumentElement(), "height");
        assertTrue(width <= 1400, "fits a 1400-pixel window: " + width);
        List<Element> bars = byClass(d, "rect", "bar");
        assertEquals(20 * 5, bars.size());
        for (Element b : bars) {
            assertTrue(num(b, "x") + num(b, "width") <= width && num(b, "y") + num(b, "height") <= height, "bar inside the chart");
        }
        // rotated value labels need a bar at least as wide as their 10-pixel text is tall
        List<Element> values = byClass(d, "text", "value");
        for (int i = 1; i < values.size(); i++) {
            double dx = Math.abs(num(values.get(i), "x") - num(values.get(i - 1), "x"));
            double dy = Math.abs(num(values.get(i), "y") - num(values.get(i - 1), "y"));
            assertTrue(dx >= 10 || dy > 40, "value labels " + (i - 1) + " and " + i + " overlap");
        }
        // group labels longer than their group's width are turned
        for (Element g : byClass(d, "text", "group")) {
            assertTrue(g.getAttribute("transform").startsWith("rotate("), "label " + ownText(g) + " turned");
        }
    }
}
