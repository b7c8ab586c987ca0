package io.dhm;

import io.dhm.route.RouteFiles;
import io.dhm.route.RouteValues;
import io.dhm.config.LiveSettings;
import io.dhm.foundation.FoundationConfiguration;
import io.dhm.deliver.DeliveryLoop;
import io.dhm.config.SettingSources;
import io.dhm.config.Settings;
import io.dhm.engine.Engine;
import io.dhm.engine.FakeEngine;
import io.dhm.ops.MonitorMetrics;
import io.dhm.store.MemoryDatabase;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.CamelBeanPostProcessor;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The monitor's own YAML routes and beans in one Camel context, in process: the configurations wire the beans as
 * the jar does, but over an in-memory engine ({@link FakeEngine}), an in-memory database and a manual clock, and with
 * the channels' endpoints pointed at mock endpoints. The timers are advised into direct: endpoints, so a test polls
 * and delivers when it says so instead of racing a timer.
 *
 * <p>The routes are loaded as the monitor loads them ({@link RouteFiles}): the bundled ones, then the *.camel.yaml
 * files of the ROUTES_DIR setting ({@code routes} of the working directory unless {@link #settings()} names another
 * folder), each replacing the bundled route of its id or adding a route. The routes of the spine
 * ({@link #SPINE_FILES}) and the ones a user's file adds run; the other bundled routes (auto-heal, the API, the
 * dashboard ...) are loaded and checked, then left out unless a test runs them too ({@link #runningFiles()}).
 *
 * <p>Published in the tests jar (classifier {@code tests}) with {@link FakeEngine}, {@link ManualClock} and
 * {@link io.dhm.store.MemoryDatabase}, for testing a copy of a route outside the monitor's sources: see
 * docs/camel-users.md, "Testing a route you changed".
 */
public abstract class RouteTestSupport extends CamelTestSupport {

    /**
     * The bundled files whose routes run: the spine, observe -> decide -> confirm -> evidence + dispatch -> deliver ->
     * channel-smtp, -webhook, -endpoint.
     */
    public static final List<String> SPINE_FILES = List.of("observe", "decide", "confirm", "rootcause", "evidence",
            "dispatch", "deliver", "deliver-smtp", "deliver-webhook", "deliver-endpoint");

    @TempDir
    static Path dataDir;

    protected final FakeEngine engine = new FakeEngine();
    /** What every stage shares (the tracker, the history ...), as the monitor wires it. */
    protected FoundationConfiguration foundation;
    protected final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T10:00:00Z"));

    /** Settings for this test, as variable names (SMTP_HOST ...), over the bundled defaults. */
    protected abstract Map<String, String> settings();

    /** The bundled files whose routes run in this test: the spine, or the spine and the stages a test adds. */
    protected List<String> runningFiles() {
        return SPINE_FILES;
    }

    @Override
    public void configureTest(TestExecutionConfiguration test) {
        test.withUseAdviceWith(true).withJMX(false);
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        Properties properties = new Properties();
        properties.putAll(SettingSources.defaults());
        properties.setProperty("data.dir", dataDir.resolve(UUID.randomUUID().toString()).toString()); // no wait left over
        properties.setProperty("smtp.host", "mail.test"); // SMTP is configured; its endpoint is mock:smtp below
        properties.setProperty("cli.connector.enabled", "0"); // a test's context is no process for the Camel CLI to find
        settings().forEach((variable, value) -> properties.setProperty(SettingSources.propertyKey(variable), value));
        Settings settings = Settings.from(properties);
        Properties camel = RouteValues.camelProperties(properties, settings);
        camel.setProperty("monitor.mail.uri", "mock:smtp");
        context.getPropertiesComponent().setInitialProperties(camel);

        foundation = configure(context, properties, clock, engine, configuration -> { });
        RouteFiles routes = new RouteFiles(Path.of("").toAbsolutePath().resolve(settings.routesDir()), false);
        routes.configure(context);
        runOnly(context, routes, runningFiles());
        if (!runningFiles().contains("heal")) {
            // decide asks auto-heal (heal.camel.yaml, left out) to look at once; nothing is to be healed here
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:heal-due").routeId("heal-due").log(LoggingLevel.DEBUG, "auto-heal is not part of this test");
                }
            });
        }
        return context;
    }

    /**
     * The monitor's configurations over {@code context}, as the jar assembles them, but on the given clock and engine
     * and an in-memory database; {@code configured} is told of each once it has configured the context.
     */
    public static FoundationConfiguration configure(CamelContext context, Properties properties, Clock clock,
                                                    Engine engine, Consumer<CamelConfiguration> configured)
            throws Exception {
        MonitorMetrics metrics = MonitorMetrics.prometheus();
        FoundationConfiguration foundation = new FoundationConfiguration(
                new LiveSettings(properties, Settings.from(properties)), clock, engine, metrics.registry(),
                MemoryDatabase.create());
        context.getRegistry().bind(MonitorMetrics.REGISTRY_BEAN, metrics.registry());
        CamelBeanPostProcessor beans = PluginHelper.getBeanPostProcessor(context);
        for (CamelConfiguration configuration : MonitorApplication.configurations(foundation, metrics, null)) {
            beans.postProcessBeforeInitialization(configuration, configuration.getClass().getName());
            configuration.configure(context);
            configured.accept(configuration);
        }
        return foundation;
    }

    /**
     * Takes the bundled routes of the files outside {@code files} ({@link #SPINE_FILES} unless a test adds some) out of
     * the model (a user's route that replaced
     * one of them too); what a user's file adds stays. The readiness check that RouteFiles registers for every bundled
     * route (bundled-routes, {@link io.dhm.ops.BundledRoutesHealthCheck}) goes as well: here only these run.
     */
    private static void runOnly(CamelContext context, RouteFiles routes, List<String> files) throws Exception {
        Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
        List<RouteDefinition> others = new ArrayList<>();
        routes.bundledSource().forEach((id, file) -> {
            String name = file.getLocation().substring(file.getLocation().lastIndexOf('/') + 1);
            if (!files.contains(name.substring(0, name.length() - ".camel.yaml".length()))) {
                others.add(model.getRouteDefinition(id));
            }
        });
        model.removeRouteDefinitions(others);
        context.getRestConfiguration().setApiContextPath(null); // the API's OpenAPI document, served by the API's server
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        health.getCheck("bundled-routes").ifPresent(health::unregister);
    }

    @BeforeEach
    protected void adviseTimersAndStart() throws Exception {
        AdviceWith.adviceWith(context, "poll-timer", route -> route.replaceFromWith("direct:poll-timer"));
        AdviceWith.adviceWith(context, "deliver", route -> route.replaceFromWith("direct:deliver-due"));
        AdviceWith.adviceWith(context, "flapping-stable", route -> route.replaceFromWith("direct:flapping-stable"));
        // every alert the dispatch route is done with (stored in the outbox, silenced or held back) is seen by
        // mock:dispatched, so a test that waits for it can then deliver at once
        AdviceWith.adviceWith(context, "dispatch", route -> route.weaveAddLast().to("mock:dispatched"));
        // once connected, the event stream asks for a poll of its own (to catch up on what it missed): let it finish
        // before the test polls. The tracker keeps the newer of two racing lists by their time, but the manual clock
        // stands still, so here both would carry the same time and the older could win
        NotifyBuilder resync = new NotifyBuilder(context).fromRoute("poll-engine").whenDone(1).create();
        context.start();
        assertTrue(resync.matches(10, TimeUnit.SECONDS), "the event stream's first poll");
    }

    /** One full poll of the engine, as the poll timer does it. */
    protected void poll() {
        template.sendBody("direct:poll-engine", null);
    }

    /** One turn of the delivery loop, as the deliver timer does it every second. */
    protected void deliverDue() {
        template.sendBody("direct:deliver-due", null);
    }

    /** Turns of the delivery loop until the mock has received {@code count} messages, as the timer would. */
    protected void deliverUntil(MockEndpoint mock, int count) {
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            deliverDue();
            return mock.getReceivedCounter() >= count;
        });
    }

    /** One look for flapping containers that are stable again, as the flapping-stable timer does it. */
    protected void checkStable() {
        template.sendBody("direct:flapping-stable", null);
    }

    /** What went through the dispatch route: every alert the earlier stages raised. */
    protected MockEndpoint dispatched() {
        return getMockEndpoint("mock:dispatched");
    }

    protected DeliveryLoop deliveryLoop() {
        return context.getRegistry().lookupByNameAndType("deliveryLoop", DeliveryLoop.class);
    }
}
