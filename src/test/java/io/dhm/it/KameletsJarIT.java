package io.dhm.it;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the small Kamelets jar holds: the two Kamelets and every io.dhm class their beans reach, nothing of the
 * monitor's configuration, and code that needs only what the host's dependency block brings (docs/camel-users.md) and
 * no Camel API at all, so no change in Camel between versions can break it (only the Kamelets' YAML meets Camel).
 */
class KameletsJarIT {

    /** The host's libraries the code may use: the JDK, slf4j and docker-java. */
    private static final List<String> HOST_PACKAGES = List.of("java.", "javax.", "org.slf4j.", "com.github.dockerjava.");

    @Test
    void itHoldsTheKameletsAndTheirCodeAndNoConfiguration() throws IOException {
        Set<String> files = new TreeSet<>();
        try (JarFile jar = new JarFile(KameletsJar.PATH.toFile())) {
            jar.stream().filter(entry -> !entry.isDirectory()).map(JarEntry::getName).forEach(files::add);
        }
        assertTrue(files.containsAll(Set.of("kamelets/docker-health-source.kamelet.yaml",
                "kamelets/docker-health-confirm-action.kamelet.yaml", "io/dhm/kamelet/DockerHealthSource.class",
                "io/dhm/kamelet/PendingWaits.class")), () -> "missing Kamelets or their beans: " + files);
        Set<String> other = files.stream()
                .filter(file -> !file.startsWith("kamelets/") && !file.startsWith("io/dhm/")
                        && !file.equals("META-INF/MANIFEST.MF"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), other, "files that are no Kamelet and no class of theirs (configuration?)");
    }

    @Test
    void itsCodeNeedsNothingButItselfAndTheHostsLibraries() throws IOException {
        JavaClasses classes;
        try (JarFile jar = new JarFile(KameletsJar.PATH.toFile())) {
            classes = new ClassFileImporter().importJar(jar);
        }
        Set<String> inJar = classes.stream().map(JavaClass::getName).collect(Collectors.toSet());
        Set<String> missing = new TreeSet<>();
        for (JavaClass javaClass : classes) {
            for (Dependency dependency : javaClass.getDirectDependenciesFromSelf()) {
                String target = dependency.getTargetClass().getBaseComponentType().getName();
                boolean primitive = !target.contains(".");
                if (!primitive && !inJar.contains(target) && HOST_PACKAGES.stream().noneMatch(target::startsWith)) {
                    missing.add(javaClass.getName() + " -> " + target);
                }
            }
        }
        assertEquals(Set.of(), missing, "classes the jar's code uses that neither it nor the host's libraries have");
    }

    @Test
    void everyClassComesWithItsNestedAndSyntheticClasses() throws IOException {
        // a switch over an enum compiles to a synthetic Foo$1 that the dependency scan above does not see
        Set<String> files = new TreeSet<>();
        try (JarFile jar = new JarFile(KameletsJar.PATH.toFile())) {
            jar.stream().map(JarEntry::getName).filter(name -> name.endsWith(".class")).forEach(files::add);
        }
        Path compiled = Path.of("target", "classes");
        Set<String> missing = new TreeSet<>();
        for (String file : files) {
            Path dir = compiled.resolve(file).getParent();
            String prefix = compiled.resolve(file).getFileName().toString().replace(".class", "$");
            try (Stream<Path> siblings = Files.list(dir)) {
                siblings.map(sibling -> sibling.getFileName().toString()).filter(name -> name.startsWith(prefix))
                        .map(name -> compiled.relativize(dir.resolve(name)).toString().replace('\\', '/'))
                        .filter(nested -> !files.contains(nested)).forEach(missing::add);
            }
        }
        assertEquals(Set.of(), missing, "nested classes left out of the jar");
    }
}
