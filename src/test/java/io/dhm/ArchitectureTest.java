package io.dhm;

import com.tngtech.archunit.core.domain.PackageMatcher;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    /** The layers, top to bottom; every package of the monitor is in exactly one. */
    private static final Map<String, List<String>> LAYERS = layers();

    private static Map<String, List<String>> layers() {
        Map<String, List<String>> layers = new LinkedHashMap<>();
        layers.put("Entry", List.of("io.dhm", "io.dhm.launch..", "io.dhm.route.."));
        layers.put("Surfaces", List.of("io.dhm.api..", "io.dhm.ops..", "io.dhm.heartbeat..", "io.dhm.kamelet.."));
        layers.put("Stages", List.of("io.dhm.check..", "io.dhm.decide..", "io.dhm.rootcause..", "io.dhm.confirm..",
                "io.dhm.repeat..", "io.dhm.dispatch..", "io.dhm.evidence..", "io.dhm.deliver..", "io.dhm.heal..",
                "io.dhm.signal..", "io.dhm.resource..", "io.dhm.ack.."));
        layers.put("Foundation", List.of("io.dhm.foundation.."));
        layers.put("Model", List.of("io.dhm.observe..", "io.dhm.alert..", "io.dhm.history.."));
        layers.put("Base", List.of("io.dhm.engine..", "io.dhm.store..", "io.dhm.config..", "io.dhm.cluster..",
                "io.dhm.trace.."));
        return layers;
    }

    @Test
    void everyPackageIsInALayer() {
        Set<String> unplaced = new TreeSet<>();
        for (JavaClass javaClass : classes) {
            String name = javaClass.getPackageName();
            long placed = LAYERS.values().stream().flatMap(List::stream)
                    .filter(pattern -> PackageMatcher.of(pattern).matches(name)).count();
            if (placed != 1) {
                unplaced.add(name + " (in " + placed + " layers)");
            }
        }
        assertEquals(Set.of(), unplaced, "every package belongs to one layer of docs/architecture.md");
    }

    @Test
    void layersDependDownwardOnly() {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
        LAYERS.forEach((layer, packages) -> layers.layer(layer).definedBy(packages.toArray(String[]::new)));
        layers.whereLayer("Entry").mayNotBeAccessedByAnyLayer()
                .whereLayer("Surfaces").mayOnlyBeAccessedByLayers("Entry")
                .whereLayer("Stages").mayOnlyBeAccessedByLayers("Entry", "Surfaces")
                .whereLayer("Foundation").mayOnlyBeAccessedByLayers("Entry", "Surfaces", "Stages")
                .whereLayer("Model").mayOnlyBeAccessedByLayers("Entry", "Surfaces", "Stages", "Foundation")
                .whereLayer("Base").mayOnlyBeAccessedByLayers("Entry", "Surfaces", "Stages", "Foundation", "Model")
                .because("the surfaces read the stages; the stages share the foundation, which holds the container "
                        + "model observe keeps, the alerts and the history over the engine, the store and the settings; "
                        + "nothing below knows what sits above it")
                .check(classes);
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
