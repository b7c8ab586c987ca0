package io.dhm;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package map of docs/architecture.md, kept true: one package per pipeline stage, no package cycles, and
 * dependencies that point one way, from the entry point through the surfaces and the stages down to the foundation.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.dhm");
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.dhm.(**)").should().beFreeOfCycles()
                .because("packages in a cycle change together: each stage depends only on those before it (docs/architecture.md)")
                .check(classes);
    }

    @Test
    void layersDependDownwardOnly() {
        ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Entry").definedBy("io.dhm")
                .layer("Surfaces").definedBy("io.dhm.api..", "io.dhm.ops..", "io.dhm.kamelet..")
                .layer("Stages").definedBy("io.dhm.observe..", "io.dhm.decide..", "io.dhm.confirm..",
                        "io.dhm.repeat..", "io.dhm.alert..", "io.dhm.dispatch..", "io.dhm.deliver..",
                        "io.dhm.heal..", "io.dhm.check..", "io.dhm.resource..", "io.dhm.signal..", "io.dhm.history..",
                        "io.dhm.evidence..", "io.dhm.ack..")
                .layer("Foundation").definedBy("io.dhm.engine..", "io.dhm.store..", "io.dhm.config..", "io.dhm.cluster..",
                        "io.dhm.trace..")
                .whereLayer("Entry").mayNotBeAccessedByAnyLayer()
                .whereLayer("Surfaces").mayOnlyBeAccessedByLayers("Entry")
                .whereLayer("Stages").mayOnlyBeAccessedByLayers("Entry", "Surfaces")
                .whereLayer("Foundation").mayOnlyBeAccessedByLayers("Entry", "Surfaces", "Stages")
                .because("the surfaces read the stages, the stages use the engine, the store and the settings, "
                        + "and nothing below knows what sits above it");
        layers.check(classes);
    }

    @Test
    void pipelineFlowsDownstream() {
        // the channels know the delivery loop's Batch and Channel, never the stages that decided to alert
        noClasses().that().resideInAPackage("io.dhm.deliver..")
                .should().dependOnClassesThat().resideInAnyPackage("io.dhm.observe..", "io.dhm.decide..",
                        "io.dhm.confirm..", "io.dhm.repeat..", "io.dhm.heal..", "io.dhm.check..",
                        "io.dhm.resource..", "io.dhm.signal..", "io.dhm.ack..")
                .because("delivery works on alerts, whatever raised them")
                .check(classes);
        // each channel stands alone behind the one Channel interface
        slices().matching("io.dhm.deliver.(*)..").should().notDependOnEachOther().check(classes);
    }

    @Test
    void dockerJavaStaysInsideTheEnginePort() {
        noClasses().that().resideOutsideOfPackage("io.dhm.engine..")
                .should().dependOnClassesThat().resideInAPackage("com.github.dockerjava..")
                .because("the engine port speaks the monitor's own types: docker-java is one adapter behind it")
                .check(classes);
    }
}
