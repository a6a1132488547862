package org.robustgrid.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.robustgrid.harness.checkpoint.TrainingLog;
import org.robustgrid.harness.results.AttackKind;
import org.robustgrid.harness.results.Measures;
import org.robustgrid.harness.results.ModelFacts;
import org.robustgrid.harness.results.Provenance;
import org.robustgrid.harness.results.ResultRow;
import org.robustgrid.harness.results.Training;
import org.robustgrid.harness.spi.Budget;

class TrainingSectionTest {

    static ResultRow row(String strategy, String key) {
        ModelFacts m = new ModelFacts("fashion-mnist", "small-cnn", "relu", "fixed", "pgd", "iid", 0, 0.1, strategy, true, 10, 5, 1, 0, key,
                "recipe()");
        return new ResultRow(m, "pgd", key + "pgd", new Training(10, 1, 1), new Measures(0.5, 0.4, 0.6, 0.3, 0.2, 0.4, 0.5, 1000,
                Optional.of(new Budget(Budget.Norm.LINF, 8 / 255.0)), 0.1, 0, 0, 1, AttackKind.BOUNDED),
                new Provenance("v", "pgd@1", "pgd=a.jar#0", "d", "e", "cpu"), ResultRow.Status.OK, "", Instant.now().toString());
    }

    static TrainingLog log(double... losses) {
        TrainingLog log = new TrainingLog();
        for (int i = 0; i < losses.length; i++) {
            log.add(20L * (i + 1), "round", losses[i], Double.NaN, Double.NaN);
        }
        return log;
    }

    @Test
    void aModelThatBlewUpEarlyDoesNotFlattenTheOthersAndOneActivationIsColouredByStrategy() {
        Map<String, TrainingLog> logs = Map.of(
                "aaaa000000000001", log(2.1, 1.6, 1.3, 1.2, 1.1, 1.05),
                "aaaa000000000002", log(235922, 1753221, 716, 1.9, 1.5, 1.2));
        ReportData d = new ReportData(List.of(row("fedavg", "aaaa000000000001"), row("calfat", "aaaa000000000002")), null, logs);
        TrainingSection.LossAxis axis = TrainingSection.lossAxis(logs.values());
        assertEquals(3 * 1.9, axis.top(), 1e-12, "three times the largest loss of any second half");
        assertEquals(1753221, axis.largest(), 1e-6);
        StringBuilder h = new StringBuilder();
        new TrainingSection(d).render(h);
        String page = h.toString();
        assertTrue(page.contains("The loss axis ends at 5.70") && page.contains("the largest is 1.75e+06"), page);
        assertTrue(page.contains("Lines are coloured by strategy."), page);
        Matcher stroke = Pattern.compile("<polyline class=\"line\" data-line=\"(aaaa00000000000[12])\" fill=\"none\" stroke=\"([^\"]+)\"").matcher(page);
        java.util.Map<String, String> colour = new java.util.HashMap<>();
        while (stroke.find()) {
            colour.putIfAbsent(stroke.group(1), stroke.group(2));
        }
        assertEquals(2, colour.size(), page);
        assertNotEquals(colour.get("aaaa000000000001"), colour.get("aaaa000000000002"), "two strategies, two colours");
    }
}
