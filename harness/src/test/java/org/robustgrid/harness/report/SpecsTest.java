package org.robustgrid.harness.report;

import org.robustgrid.harness.plugin.SpecText;
import org.robustgrid.harness.results.Column;
import org.robustgrid.harness.results.ResultRow;
import org.robustgrid.harness.results.ResultsStore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecsTest {

    @Test
    void aUniqueIdIsItsOwnLabel() {
        assertEquals(Map.of("fgsm(eps=0.03137254901960784)", "fgsm", "relu", "relu"),
                Specs.labels(List.of("fgsm(eps=0.03137254901960784)", "relu")));
    }

    @Test
    void specsSharingAnIdKeepOnlyTheParametersThatDiffer() {
        String a = "pgd(alpha=0.00784313725490196,eps=0.03137254901960784,random-start=true,steps=20)";
        String b = "pgd(alpha=0.00784313725490196,eps=0.0627450980392157,random-start=true,steps=50)";
        // 8/255 = 0.0313725490196078..., 16/255 = 0.0627450980392156...
        assertEquals(Map.of(a, "pgd(eps=8/255,steps=20)", b, "pgd(eps=16/255,steps=50)"), Specs.labels(List.of(a, b)));
    }

    @Test
    void longValuesReadAsSimpleFractionsOrFourDigits() {
        assertEquals("2/255", SpecText.value("0.00784313725490196"));
        assertEquals("1/3", SpecText.value("0.3333333333333333"));
        assertEquals("0.1235", SpecText.value("0.123456789"));
        assertEquals("0.125", SpecText.value("0.125"));
        assertEquals("true", SpecText.value("true"));
    }

    @Test
    void idAndParametersOfASpec() {
        assertEquals("shards", Specs.id("shards(classes-per-client=2)"));
        assertEquals(Map.of("classes-per-client", "2"), Specs.params("shards(classes-per-client=2)"));
        assertEquals(Map.of(), Specs.params("iid"));
    }
}
