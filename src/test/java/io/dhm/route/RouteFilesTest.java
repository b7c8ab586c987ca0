package io.dhm.route;

import io.dhm.DocBlocks;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SetBodyDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bundled routes always load; the user's ROUTES_DIR replaces routes by id and adds new ones. */
public class RouteFilesTest {

    @TempDir
    Path userDir;

    @TempDir
    Path otherDir;

    /** Camel Main's settings, camel.main.routesIncludePattern among them. */
    private final MainConfigurationProperties main = new MainConfigurationProperties();

    /** The routes as a fresh context gets them from the bundled files, userDir and the routes pattern (not started). */
    private Model load() throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        new RouteFiles(userDir, false, main).configure(context);
        return context.getCamelContextExtension().getContextPlugin(Model.class);
    }

    /** The ids routes were given (the REST routes get generated ones, routeN, different in each context). */
    private Set<String> routeIds(Model model) {
        return model.getRouteDefinitions().stream().map(RouteDefinition::getRouteId)
                .filter(id -> !id.matches("route\\d+")).collect(Collectors.toSet());
    }

    private void write(String file, String yaml) throws IOException {
        Files.writeString(userDir.resolve(file), yaml);
    }

    /** A dispatch route of the user's: one step, the body "mine". */
    public static final String MY_DISPATCH = """
            - route:
                id: dispatch
                from:
                  uri: direct:dispatch
                  steps:
                    - setBody:
                        constant: mine
            """;

    /** A route of the user's own: no bundled route has its id. */
    static final String MY_AUDIT = """
            - route:
                id: my-audit
                from:
                  uri: direct:my-audit
                  steps:
                    - log: "audit ${body}"
            """;

    @Test
    void withoutUserRoutesEveryBundledRouteLoads() throws Exception {
        Set<String> ids = routeIds(load());
        assertTrue(ids.containsAll(Set.of("poll-timer", "decide", "confirm-after-wait", "dispatch", "deliver",
                "channel-smtp", "auto-heal", "api-status", "dashboard-page")), ids.toString());
    }

    @Test
    void theCheckoutsRoutesFolderAsRoutesDirLoadsAsTheBundledRoutes() throws Exception {
        Set<String> bundled = routeIds(load());
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.toList()) {
                Files.copy(file, userDir.resolve(file.getFileName())); // java -jar run from the project's folder
            }
        }
        assertEquals(bundled, routeIds(load()));
    }

    @Test
    void anEditedCopyOfAFileWithARouteConfigurationReplacesThatConfiguration() throws Exception {
        write("confirm.camel.yaml", Files.readString(Path.of("routes/confirm.camel.yaml"))
                .replace("id: confirm-retries", "id: confirm-retries\n    description: mine"));
        Model model = load();
        assertEquals("mine", model.getRouteConfigurationDefinition("confirm-retries").getDescription());
        assertEquals(1, model.getRouteConfigurationDefinitions().stream()
                .filter(configuration -> configuration.getId().equals("confirm-retries")).count());
        assertTrue(model.getRouteConfigurationDefinition("api-errors") != null, "the other bundled configurations stay");
    }

    @Test
    void aUserFileReplacesItsRouteAndAddsItsOthersWhileTheRestStayBundled() throws Exception {
        Set<String> bundled = routeIds(load());
        write("dispatch.camel.yaml", MY_DISPATCH + MY_AUDIT);
        Model model = load();
        Set<String> ids = routeIds(model);
        assertTrue(ids.containsAll(bundled), "every bundled route is still there; missing: " + bundled.stream().filter(id -> !ids.contains(id)).toList());
        assertTrue(ids.contains("my-audit"), "the user's new route is added");
        assertEquals(bundled.size() + 1, ids.size());
        RouteDefinition dispatch = model.getRouteDefinition("dispatch");
        assertEquals(1, dispatch.getOutputs().size(), "the user's dispatch route, not the bundled one");
        assertInstanceOf(SetBodyDefinition.class, dispatch.getOutputs().get(0));
    }

    @Test
    void aFileThatDoesNotParseIsNamed() throws IOException {
        write("broken.camel.yaml", "- route:\n    id: broken\n    from: [this is not\n");
        InvalidRoutesException e = assertThrows(InvalidRoutesException.class, this::load);
        assertTrue(e.getMessage().contains("broken.camel.yaml"), e.getMessage());
    }

    @Test
    void twoUserFilesWithOneRouteIdAreRefused() throws IOException {
        write("a.camel.yaml", MY_DISPATCH);
        write("b.camel.yaml", MY_DISPATCH);
        InvalidRoutesException e = assertThrows(InvalidRoutesException.class, this::load);
        assertTrue(e.getMessage().contains("b.camel.yaml, route dispatch: this route id is also defined in")
                && e.getMessage().contains("a.camel.yaml"), e.getMessage());
    }

    @Test
    void aBundledRouteMovedToAnotherEndpointIsRefused() throws IOException {
        write("dispatch.camel.yaml", MY_DISPATCH.replace("uri: direct:dispatch", "uri: direct:elsewhere"));
        InvalidRoutesException e = assertThrows(InvalidRoutesException.class, this::load);
        assertTrue(e.getMessage().contains("dispatch.camel.yaml, route dispatch: a bundled route must start from "
                + "direct:dispatch"), e.getMessage());
    }

    @Test
    void theFilesOfARoutesIncludePatternAreTheUsersRoutesToo() throws Exception {
        Set<String> bundled = routeIds(load());
        Files.writeString(otherDir.resolve("dispatch.yaml"), MY_DISPATCH);
        Files.writeString(otherDir.resolve("audit.yaml"), MY_DISPATCH.replace("dispatch", "my-audit"));
        Files.writeString(otherDir.resolve("left-out.yaml"), MY_DISPATCH.replace("dispatch", "left-out"));
        main.setRoutesIncludePattern("file:" + otherDir + "/*.yaml");
        main.setRoutesExcludePattern("**/left-out.yaml");
        Model model = load();
        assertInstanceOf(SetBodyDefinition.class, model.getRouteDefinition("dispatch").getOutputs().get(0), "the pattern's dispatch");
        Set<String> ids = routeIds(model);
        assertTrue(ids.contains("my-audit") && !ids.contains("left-out"), ids.toString());
        assertEquals(bundled.size() + 1, ids.size());
    }

    @Test
    void aRouteIdOfTheRoutesPatternThatRoutesDirDefinesIsRefused() throws IOException {
        write("dispatch.camel.yaml", MY_DISPATCH);
        Files.writeString(otherDir.resolve("dispatch.yaml"), MY_DISPATCH);
        main.setRoutesIncludePattern("file:" + otherDir + "/*.yaml");
        InvalidRoutesException e = assertThrows(InvalidRoutesException.class, this::load);
        assertTrue(e.getMessage().contains(otherDir.resolve("dispatch.yaml") + ", route dispatch: this route id is also defined in ")
                && e.getMessage().contains(userDir.resolve("dispatch.camel.yaml").toString()), e.getMessage());
    }

    @Test
    void aRoutesPatternThatNamesRoutesDirLoadsItsFilesOnce() throws Exception {
        write("dispatch.camel.yaml", MY_DISPATCH);
        main.setRoutesIncludePattern("file:" + userDir + "/*.camel.yaml");
        assertInstanceOf(SetBodyDefinition.class, load().getRouteDefinition("dispatch").getOutputs().get(0));
    }

    /** docs/camel-users.md's Pipe, in a file the routes pattern names, as the doc tells a Camel user to load it. */
    @Test
    void thePipeOfTheCamelUsersDocLoadsFromTheRoutesPattern() throws Exception {
        String pipe = DocBlocks.under(Path.of("docs/camel-users.md"), "In a Pipe", "yaml").text();
        String name = Pattern.compile("(?m)^  name: (\\S+)$").matcher(pipe).results().findFirst().orElseThrow().group(1);
        Files.writeString(otherDir.resolve("pipe.yaml"), pipe);
        main.setRoutesIncludePattern("file:" + otherDir + "/*.yaml");
        RouteDefinition route = load().getRouteDefinition(name);
        assertNotNull(route, "the Pipe's route " + name);
        assertEquals("kamelet:docker-health-source", route.getEndpointUrl().replaceAll("\\?.*", ""), route.toString());
    }
}
