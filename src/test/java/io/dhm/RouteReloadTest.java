package io.dhm;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.LogDefinition;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SetBodyDefinition;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ROUTES_RELOAD, one file at a time, driven directly (the file watcher's thread is left out): the model the context
 * runs from after each save, addition and removal. LifecycleIT proves the same on the running jar.
 */
class RouteReloadTest {

    @TempDir
    Path userDir;

    private DefaultCamelContext context;
    private RouteFiles files;
    private Model model;
    private int bundledCount;

    private static final String MY_DISPATCH = RouteFilesTest.MY_DISPATCH;

    @BeforeEach
    void loadTheBundledRoutesAndOneOfTheUsers() throws Exception {
        Files.writeString(userDir.resolve("dispatch.camel.yaml"), MY_DISPATCH);
        context = new DefaultCamelContext();
        files = new RouteFiles(userDir, false);
        files.configure(context);
        model = context.getCamelContextExtension().getContextPlugin(Model.class);
        bundledCount = model.getRouteDefinitions().size();
    }

    private void save(String file, String yaml) throws IOException {
        Files.writeString(userDir.resolve(file), yaml);
        reload(file);
    }

    private void reload(String file) {
        new RouteReload(context, files).reload(PluginHelper.getResourceLoader(context)
                .resolveResource("file:" + userDir.toAbsolutePath().normalize().resolve(file)));
    }

    private List<Object> dispatchSteps() {
        return List.copyOf(model.getRouteDefinition("dispatch").getOutputs());
    }

    @Test
    void anEditReplacesOnlyThatFilesRoute() throws Exception {
        RouteDefinition decide = model.getRouteDefinition("decide");
        save("dispatch.camel.yaml", MY_DISPATCH + "        - log: \"and a step of mine\"\n");
        assertEquals(2, dispatchSteps().size());
        assertInstanceOf(LogDefinition.class, dispatchSteps().get(1));
        assertEquals(bundledCount, model.getRouteDefinitions().size(), "no route lost, none doubled");
        assertTrue(decide == model.getRouteDefinition("decide"), "the other routes were not touched");
    }

    @Test
    void aBrokenEditIsRefusedAndTheRouteOfBeforeStays() throws Exception {
        RouteDefinition before = model.getRouteDefinition("dispatch");
        save("dispatch.camel.yaml", "- route:\n    id: dispatch\n    from: [oops\n");
        assertTrue(before == model.getRouteDefinition("dispatch"), "the route of before");
        save("dispatch.camel.yaml", MY_DISPATCH.replace("uri: direct:dispatch", "uri: direct:elsewhere"));
        assertTrue(before == model.getRouteDefinition("dispatch"), "a bundled route may not move its start");
        save("other.camel.yaml", MY_DISPATCH);
        assertTrue(before == model.getRouteDefinition("dispatch"), "another file may not take an id the first defines");
        assertEquals(bundledCount, model.getRouteDefinitions().size());
    }

    @Test
    void removingTheFileBringsTheBundledRouteBack() throws Exception {
        assertInstanceOf(SetBodyDefinition.class, dispatchSteps().get(0));
        Files.delete(userDir.resolve("dispatch.camel.yaml"));
        reload("dispatch.camel.yaml");
        assertTrue(dispatchSteps().size() > 1, "the bundled dispatch route: " + dispatchSteps());
        assertEquals(bundledCount, model.getRouteDefinitions().size());
    }

    @Test
    void aNewFileAddsItsRoutesAndTakesThemAwayWhenRemoved() throws Exception {
        save("audit.camel.yaml", """
                - route:
                    id: my-audit
                    from:
                      uri: direct:my-audit
                      steps:
                        - log: "audit ${body}"
                """);
        assertNotNull(model.getRouteDefinition("my-audit"));
        assertEquals(bundledCount + 1, model.getRouteDefinitions().size());
        Files.delete(userDir.resolve("audit.camel.yaml"));
        reload("audit.camel.yaml");
        assertNull(model.getRouteDefinition("my-audit"));
        assertEquals(bundledCount, model.getRouteDefinitions().size());
    }
}
