package io.dhm;

import io.dhm.config.SettingSources;
import io.dhm.engine.FakeEngine;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A reader goes from {@code routes/X.camel.yaml} (or {@code routes/X-name.camel.yaml}) to package {@code io.dhm.X}, and
 * finds there the configuration that binds every bean the file's routes call; the only others they may call are the
 * foundation's (io.dhm.foundation, and the cluster's leader-only policy). The bindings are found by running the
 * monitor's configurations as the jar does and noting which one bound each name.
 */
class RouteWiringTest {

    /** The packages whose beans every stage's routes may use. */
    private static final Set<String> FOUNDATION = Set.of("io.dhm.foundation", "io.dhm.cluster", "io.dhm.trace");
    /** The ways a route file names a bean: bean and ref steps, ${bean:..} and ${ref:..}, pools, policies, templates. */
    private static final Pattern BEAN = Pattern.compile("(?:\\bref: *\"?|\\$\\{(?:bean|ref):|executorService: *"
            + "|routePolicy: *|\\{name: bean, value: )([A-Za-z]\\w*)");
    private static final Pattern BEAN_TYPE = Pattern.compile("beanType: *([\\w.]+)\\.[A-Z]\\w*");

    @TempDir
    static Path dataDir;

    /** Each bound name, and the package of the configuration that bound it. */
    private static final Map<String, String> boundBy = new HashMap<>();

    @BeforeAll
    static void runTheConfigurations() throws Exception {
        Properties properties = new Properties();
        properties.putAll(SettingSources.defaults());
        properties.setProperty("data.dir", dataDir.toString());
        properties.setProperty("cli.connector.enabled", "0");
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            Set<String> seen = new HashSet<>(names(context));
            RouteTestSupport.configure(context, properties, new ManualClock(Instant.parse("2026-01-01T10:00:00Z")),
                    new FakeEngine(), configuration -> {
                        for (String name : names(context)) {
                            if (seen.add(name)) {
                                boundBy.put(name, configuration.getClass().getPackageName());
                            }
                        }
                    });
        }
    }

    private static Set<String> names(DefaultCamelContext context) {
        return context.getRegistry().findByTypeWithName(Object.class).keySet();
    }

    @Test
    void everyRouteFileIsNamedAfterItsPackage() throws IOException {
        List<String> unmatched = new ArrayList<>();
        for (Path file : routeFiles()) {
            if (!Files.isDirectory(Path.of("src/main/java/io/dhm", stage(file)))) {
                unmatched.add(file.getFileName() + " (no package io.dhm." + stage(file) + ")");
            }
        }
        assertEquals(List.of(), unmatched);
    }

    @Test
    void everyBeanARouteCallsIsBoundByItsOwnStageOrTheFoundation() throws IOException {
        List<String> strays = new ArrayList<>();
        for (Path file : routeFiles()) {
            String stage = "io.dhm." + stage(file);
            String text = Files.readString(file);
            Matcher bean = BEAN.matcher(text);
            while (bean.find()) {
                String binder = boundBy.get(bean.group(1));
                if (binder == null || !(binder.equals(stage) || FOUNDATION.contains(binder))) {
                    strays.add(file.getFileName() + ": " + bean.group(1) + " (bound by " + binder + ")");
                }
            }
            Matcher type = BEAN_TYPE.matcher(text);
            while (type.find()) {
                if (!type.group(1).startsWith(stage)) {
                    strays.add(file.getFileName() + ": class of " + type.group(1));
                }
            }
        }
        assertEquals(List.of(), strays);
    }

    /** The stage a route file belongs to: its name up to the first dash. */
    private static String stage(Path file) {
        return file.getFileName().toString().replace(".camel.yaml", "").split("-")[0];
    }

    private static List<Path> routeFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            return files.filter(file -> file.toString().endsWith(".camel.yaml")).sorted().toList();
        }
    }
}
