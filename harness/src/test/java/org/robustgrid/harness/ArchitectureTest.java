package org.robustgrid.harness;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of docs/architecture.md, checked on the compiled harness on every build
 * ({@code mvn -pl harness test -Dtest=ArchitectureTest}): no package cycle, and each step of the data
 * path below the layer that drives it.
 */
class ArchitectureTest {

    private static JavaClasses harness;

    @BeforeAll
    static void importClasses() {
        harness = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.robustgrid.harness");
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.robustgrid.harness.(*)..").should().beFreeOfCycles().check(harness);
    }

    @Test
    void theStepsKnowNothingOfTheGridOrTheCli() {
        noClasses().that().resideInAnyPackage("..harness.train..", "..harness.evaluate..", "..harness.checkpoint..", "..harness.model..",
                "..harness.data..", "..harness.partition..", "..harness.results..", "..harness.report..", "..harness.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("..harness.grid..", "..harness.cli..", "..harness.bench..")
                .check(harness);
    }

    @Test
    void theSpiDependsOnNothingElseOfTheHarness() {
        noClasses().that().resideInAPackage("..harness.spi..").should().dependOnClassesThat()
                .resideInAnyPackage("..harness.grid..", "..harness.cli..", "..harness.train..", "..harness.evaluate..", "..harness.model..",
                        "..harness.data..", "..harness.results..", "..harness.report..", "..harness.plugin..", "..harness.engine..",
                        "..harness.checkpoint..", "..harness.partition..", "..harness.bench..")
                .check(harness);
    }

    @Test
    void resultsAreStoredWithoutKnowingHowTheyAreShown() {
        noClasses().that().resideInAPackage("..harness.results..").should().dependOnClassesThat().resideInAPackage("..harness.report..")
                .check(harness);
    }
}
