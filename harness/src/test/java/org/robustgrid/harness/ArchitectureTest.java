package org.robustgrid.harness;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of docs/architecture.md, checked on the compiled harness on every build
 * ({@code mvn -pl harness -am test -Dtest=ArchitectureTest -Dsurefire.failIfNoSpecifiedTests=false}): no
 * package cycle, each step of the data path below the layer that drives it, and the SPI on its own.
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
    void theSpiSpeaksOnlyTheJdkAndDjl() {
        classes().that().resideInAPackage("..harness.spi..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "ai.djl..", "org.robustgrid.harness.spi..")
                .check(harness);
    }

    /**
     * The SPI is its own artifact (robustgrid-spi, harness/spi): its classes come from the class path, not
     * from the harness's classes, and the harness adds nothing to its package (a split package would reach
     * plugins through SpiOnlyClassLoader without being in the SPI jar they compile against).
     */
    @Test
    void theSpiComesFromItsOwnArtifact() throws Exception {
        List<JavaClass> spi = harness.stream().filter(c -> c.getPackageName().equals("org.robustgrid.harness.spi")).toList();
        assertTrue(spi.size() > 10, "the SPI's classes were not imported: " + spi);
        String harnessClasses = Defaults.class.getProtectionDomain().getCodeSource().getLocation().toURI().getPath();
        for (JavaClass c : spi) {
            URI from = c.getSource().orElseThrow().getUri();
            assertFalse(from.toString().contains(harnessClasses), c.getName() + " is compiled into the harness (" + from
                    + "); the SPI's sources live in harness/spi");
        }
    }

    @Test
    void resultsAreStoredWithoutKnowingHowTheyAreShown() {
        noClasses().that().resideInAPackage("..harness.results..").should().dependOnClassesThat().resideInAPackage("..harness.report..")
                .check(harness);
    }
}
