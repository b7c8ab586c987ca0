package io.dhm;

import io.dhm.route.RouteFiles;
import io.dhm.route.RouteFilesTest;
import io.dhm.route.RouteValues;
import io.dhm.config.SettingSources;
import io.dhm.config.Settings;
import io.dhm.engine.FakeEngine;
import org.apache.camel.Route;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.util.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every route knows the file and line it comes from, as Camel's tools read it: the route's source location (error
 * messages, `camel get route`), a route dump with source locations, and the developer console's source page, which
 * `camel get source` asks. The monitor's context is built as the jar builds it, with the bundled routes and one file of
 * the user's; its routes are created but not started.
 */
class RouteSourceTest {

    private static final Pattern BUNDLED = Pattern.compile("classpath:routes/([a-z-]+\\.camel\\.yaml):(\\d+)");

    @TempDir
    static Path workDir;

    private static DefaultCamelContext context;
    private static Path userFile;

    @BeforeAll
    static void createTheMonitorsRoutes() throws Exception {
        Path routes = Files.createDirectories(workDir.resolve("routes"));
        userFile = routes.resolve("dispatch.camel.yaml");
        Files.writeString(userFile, RouteFilesTest.MY_DISPATCH);
        Properties properties = new Properties();
        properties.putAll(SettingSources.defaults());
        properties.setProperty("data.dir", workDir.resolve("data").toString());
        Settings settings = Settings.from(properties);
        context = new DefaultCamelContext();
        context.setAutoStartup(false);
        context.getPropertiesComponent().setInitialProperties(RouteValues.camelProperties(properties, settings));
        RouteTestSupport.configure(context, properties, new ManualClock(Instant.parse("2026-01-01T10:00:00Z")),
                new FakeEngine(), configuration -> { });
        new RouteFiles(routes, false).configure(context);
        context.start();
    }

    @AfterAll
    static void stop() {
        context.stop();
    }

    /** The text of a line of a bundled route file. */
    private static String bundledLine(String file, int line) throws Exception {
        List<String> lines = Files.readAllLines(Path.of("routes", file));
        assertTrue(line <= lines.size(), file + " has no line " + line);
        return lines.get(line - 1);
    }

    @Test
    void everyBundledRouteNamesItsFileAndTheLineItStartsAt() throws Exception {
        for (Route route : context.getRoutes()) {
            if (route.getRouteId().equals("dispatch")) {
                continue; // the user's
            }
            Matcher location = BUNDLED.matcher(String.valueOf(route.getSourceLocation()));
            assertTrue(location.matches(), route.getRouteId() + ": " + route.getSourceLocation());
            String line = bundledLine(location.group(1), Integer.parseInt(location.group(2)));
            // its from: (a templated route's is its template's), a REST call's to:, or the REST configuration
            assertTrue(line.contains("uri:") || line.contains("to:") || line.contains("restConfiguration:"),
                    route.getRouteId() + " at " + route.getSourceLocation() + ": " + line);
        }
        Matcher status = BUNDLED.matcher(context.getRoute("rest-status").getSourceLocation());
        assertTrue(status.matches() && bundledLine(status.group(1), Integer.parseInt(status.group(2))).contains("to: direct:api-status"),
                context.getRoute("rest-status").getSourceLocation());
        assertTrue(context.getRoute("ack-link").getSourceLocation().startsWith("classpath:routes/ack-link.camel.yaml:"));
    }

    @Test
    void aUserRouteNamesTheUsersFile() {
        // line 4 of MY_DISPATCH: "uri: direct:dispatch"
        assertEquals("file:" + userFile + ":4", context.getRoute("dispatch").getSourceLocation());
        assertEquals("dispatch.camel.yaml:4", context.getRoute("dispatch").getSourceLocationShort());
    }

    @Test
    void aRouteDumpWithSourceLocationsNamesFileAndLine() throws Exception {
        String dump = context.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class)
                .getManagedCamelContext().dumpRoutesAsYaml(false, false, false, true);
        assertTrue(dump.contains("sourceLocation: file:" + userFile) && dump.contains("sourceLocation: classpath:routes/deliver.camel.yaml"),
                dump.substring(0, Math.min(3000, dump.length())));
    }

    /** The developer console's source page, as `camel get source` asks for it (JSON) and prints it. */
    @Test
    void theSourceConsoleShowsTheFileOfEveryRoute() throws Exception {
        DevConsole source = context.getCamelContextExtension().getContextPlugin(DevConsoleRegistry.class).resolveById("source");
        JsonObject all = (JsonObject) source.call(DevConsole.MediaType.JSON, Map.of());
        List<JsonObject> routes = all.getCollection("routes");
        assertEquals(context.getRoutes().size(), routes.size());
        for (JsonObject route : routes) {
            // a route without a source makes `camel get source` fail with a NullPointerException
            assertNotNull(route.getString("source"), route.getString("routeId") + " has no source");
            assertNotNull(route.getCollection("code"), route.getString("routeId") + " shows no code");
        }

        JsonObject dispatch = firstRoute(source, "dispatch");
        assertEquals("file:" + userFile + ":4", dispatch.getString("source"));
        List<JsonObject> code = dispatch.getCollection("code");
        List<String> lines = Files.readAllLines(userFile);
        assertEquals(lines.size(), code.size());
        assertEquals(lines.get(3).strip(), code.get(3).getString("code").strip());

        List<JsonObject> statusCode = firstRoute(source, "rest-status").getCollection("code");
        assertTrue(statusCode.stream().anyMatch(line -> line.getString("code").contains("id: rest-status")),
                statusCode.toString());
    }

    private static JsonObject firstRoute(DevConsole source, String filter) {
        List<JsonObject> routes = ((JsonObject) source.call(DevConsole.MediaType.JSON, Map.of("filter", filter))).getCollection("routes");
        return routes.get(0);
    }
}
