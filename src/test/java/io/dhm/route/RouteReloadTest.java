package io.dhm.route;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.LogDefinition;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SetBodyDefinition;
import org.apache.camel.support.PluginHelper;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

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
    private static final String MY_AUDIT = RouteFilesTest.MY_AUDIT;

    /** What RouteReload logged. */
    private final List<LogEvent> logged = new CopyOnWriteArrayList<>();
    private final AbstractAppender capture = new AbstractAppender("route-reload-test", null, null, true, Property.EMPTY_ARRAY) {
        @Override
        public void append(LogEvent event) {
            logged.add(event.toImmutable());
        }
    };
    /** One for the whole run, as the file watcher has. */
    private RouteReload reloads;

    @BeforeEach
    void loadTheBundledRoutesAndOneOfTheUsers() throws Exception {
        Files.writeString(userDir.resolve("dispatch.camel.yaml"), MY_DISPATCH);
        context = new DefaultCamelContext();
        files = new RouteFiles(userDir, false);
        files.configure(context);
        model = context.getCamelContextExtension().getContextPlugin(Model.class);
        bundledCount = model.getRouteDefinitions().size();
        reloads = new RouteReload(context, files);
        capture.start();
        ((Logger) LogManager.getLogger(RouteReload.class)).addAppender(capture);
    }

    @AfterEach
    void releaseLog() {
        ((Logger) LogManager.getLogger(RouteReload.class)).removeAppender(capture);
        capture.stop();
    }

    private void save(String file, String yaml) throws IOException {
        Files.writeString(userDir.resolve(file), yaml);
        reload(file);
    }

    /** One event of the file watcher about the file. */
    private void reload(String file) {
        reloads.reload(PluginHelper.getResourceLoader(context)
                .resolveResource("file:" + userDir.toAbsolutePath().normalize().resolve(file)));
    }

    private List<String> log(Level level) {
        return logged.stream().filter(event -> event.getLevel() == level)
                .map(event -> event.getMessage().getFormattedMessage()).toList();
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
        save("audit.camel.yaml", MY_AUDIT);
        assertNotNull(model.getRouteDefinition("my-audit"));
        assertEquals(bundledCount + 1, model.getRouteDefinitions().size());
        Files.delete(userDir.resolve("audit.camel.yaml"));
        reload("audit.camel.yaml");
        assertNull(model.getRouteDefinition("my-audit"));
        assertEquals(bundledCount, model.getRouteDefinitions().size());
    }

    /** A new file comes as created, then modified: its route starts once, and is not replaced by itself at once. */
    @Test
    void aSaveTheWatcherReportsTwiceIsReloadedOnce() throws Exception {
        save("audit.camel.yaml", MY_AUDIT);
        RouteDefinition started = model.getRouteDefinition("my-audit");
        reload("audit.camel.yaml");
        assertTrue(started == model.getRouteDefinition("my-audit"), "the route of the first event still runs");
        assertEquals(1, log(Level.INFO).stream().filter(line -> line.startsWith("Routes: reloaded ")).count(), log(Level.INFO).toString());
    }

    @Test
    void aRefusedSaveTheWatcherReportsTwiceIsLoggedOnce() throws Exception {
        save("dispatch.camel.yaml", "- route:\n    id: dispatch\n    from: [oops\n");
        reload("dispatch.camel.yaml");
        assertEquals(1, log(Level.WARN).size(), log(Level.WARN).toString());
    }

    /** `cat > file` truncates, then writes: the watcher may look in between. */
    @Test
    void aTruncatedFileWaitsForItsContentWithoutAWarning() throws Exception {
        RouteDefinition before = model.getRouteDefinition("dispatch");
        save("dispatch.camel.yaml", "");
        assertTrue(before == model.getRouteDefinition("dispatch"), "the route of before runs on");
        save("dispatch.camel.yaml", MY_DISPATCH + "        - log: \"and a step of mine\"\n");
        assertEquals(2, dispatchSteps().size());
        assertEquals(List.of(), log(Level.WARN));
    }

    /** A file refused for a route id another file defines is tried again once that file lets the id go. */
    @Test
    void aFileRefusedForAnotherFilesRouteIdLoadsWhenTheIdIsFree() throws Exception {
        save("other.camel.yaml", MY_AUDIT + MY_DISPATCH);
        assertNull(model.getRouteDefinition("my-audit"), "refused: dispatch is dispatch.camel.yaml's");
        Files.delete(userDir.resolve("dispatch.camel.yaml"));
        reload("dispatch.camel.yaml");
        reload("other.camel.yaml"); // saved again as it was
        assertNotNull(model.getRouteDefinition("my-audit"));
        assertInstanceOf(SetBodyDefinition.class, dispatchSteps().get(0), "other.camel.yaml's dispatch");
    }
}
