package io.dhm.kamelet;

import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Kamelets as shipped in the jar: their declared parameter schema, and the confirm action run by a real Camel
 * context from classpath:kamelets/ (the source needs a Docker engine: KameletEstateIT runs it).
 */
class KameletsTest {

    private static final List<String> KAMELETS = List.of("docker-health-source", "docker-health-confirm-action");
    /** {{name}} or {{name:default}}. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z0-9_.-]+)(?::[^}]*)?}}");
    /** What Camel gives every route it makes from a Kamelet: its id and the calling route's. */
    private static final Set<String> CAMEL_PARAMETERS = Set.of("routeId", "parentRouteId");

    private static String text(String name) throws IOException {
        try (InputStream in = KameletsTest.class.getResourceAsStream("/kamelets/" + name + ".kamelet.yaml")) {
            assertNotNull(in, "kamelets/" + name + ".kamelet.yaml is not on the classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node, String key) {
        Object value = ((Map<String, Object>) node).get(key);
        assertTrue(value instanceof Map, () -> key + " is not a mapping: " + value);
        return (Map<String, Object>) value;
    }

    @Test
    void theJarShipsExactlyTheseKamelets() throws URISyntaxException, IOException {
        Path folder = Path.of(KameletsTest.class.getResource("/kamelets").toURI());
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(new TreeSet<>(KAMELETS.stream().map(name -> name + ".kamelet.yaml").toList()),
                    new TreeSet<>(files.map(file -> file.getFileName().toString()).toList()));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyKameletDeclaresItsParametersAndUsesNoOther() throws IOException {
        for (String name : KAMELETS) {
            String text = text(name);
            assertTrue(text.startsWith("# " + name + ": "), name + " has no comment header naming it");
            Map<String, Object> kamelet = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(text);
            assertEquals("camel.apache.org/v1", kamelet.get("apiVersion"), name);
            assertEquals("Kamelet", kamelet.get("kind"), name);
            Map<String, Object> metadata = map(kamelet, "metadata");
            assertEquals(name, metadata.get("name"));
            assertTrue(Set.of("source", "action").contains(map(metadata, "labels").get("camel.apache.org/kamelet.type")), name);

            Map<String, Object> definition = map(map(kamelet, "spec"), "definition");
            assertNotNull(definition.get("title"), name);
            assertNotNull(definition.get("description"), name);
            assertTrue(definition.get("required") instanceof List, name + ": required is not a list");
            Map<String, Object> properties = map(definition, "properties");
            assertFalse(properties.isEmpty(), name);
            for (Map.Entry<String, Object> property : properties.entrySet()) {
                Map<String, Object> schema = map(properties, property.getKey());
                for (String field : List.of("title", "description", "type", "default")) {
                    assertTrue(schema.containsKey(field), name + "." + property.getKey() + " has no " + field);
                }
            }

            // every placeholder of the template is a declared parameter, one of Camel's or one of the template's beans
            Map<String, Object> template = map(map(kamelet, "spec"), "template");
            Set<String> known = new TreeSet<>(properties.keySet());
            known.addAll(CAMEL_PARAMETERS);
            Object beans = template.get("beans");
            if (beans instanceof List<?> list) {
                list.forEach(bean -> known.add((String) ((Map<?, ?>) bean).get("name")));
            }
            Matcher used = PLACEHOLDER.matcher(text.substring(text.indexOf("  template:")));
            while (used.find()) {
                assertTrue(known.contains(used.group(1)), name + " uses {{" + used.group(1) + "}}, which it does not declare");
            }
        }
    }

    /** How many exchanges wait in the confirm action's delay now. */
    private static long delayed(CamelContext context) {
        return context.getInflightRepository().browse().stream()
                .filter(inflight -> inflight.getNodeId() != null && inflight.getNodeId().startsWith("delay")).count();
    }

    /** A started context with these routes, whose processor "confirmed" adds each body it gets to {@code confirmed}. */
    private static CamelContext started(String routes, List<String> confirmed) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.getInflightRepository().setInflightBrowseEnabled(true); // for delayed(): where each exchange is
        context.getRegistry().bind("confirmed", (Processor) exchange ->
                confirmed.add(exchange.getMessage().getBody(String.class)));
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("confirm-test.camel.yaml", routes));
        context.start();
        return context;
    }

    @Test
    void theConfirmActionPassesOnOnlyWhatIsStillInTroubleAfterTheWait() throws Exception {
        List<String> confirmed = new CopyOnWriteArrayList<>();
        // each "poll" is split as docker-health-source splits it; the route goes on only with what is confirmed
        try (CamelContext context = started("""
                    - route:
                        from:
                          uri: direct:poll
                          steps:
                            - split:
                                simple: "${body}"
                                parallelProcessing: true
                                steps:
                                  - to: "kamelet:docker-health-confirm-action?waitSeconds=2"
                                  - process:
                                      ref: confirmed
                    """, confirmed)) {
            ProducerTemplate polls = context.createProducerTemplate();

            String stays = transition("stays", "healthy", "unhealthy", "UNHEALTHY");
            String blip = transition("blip", "healthy", "unhealthy", "UNHEALTHY");
            String blipBack = transition("blip", "unhealthy", "healthy", "RETURNED");
            String worse = transition("worse", "healthy", "unhealthy", "UNHEALTHY");
            String worseGone = transition("worse", "unhealthy", "not_found", "VANISHED");
            polls.asyncSendBody("direct:poll", List.of(stays, blip, worse));
            // the next poll once the three transitions wait, well within the wait
            await().atMost(Duration.ofSeconds(2)).until(() -> delayed(context) == 3);
            polls.asyncSendBody("direct:poll", List.of(blipBack, worseGone));

            await().atMost(Duration.ofSeconds(10)).until(() -> confirmed.size() >= 2);
            // more than the wait: nothing else comes
            await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(4)).untilAsserted(() -> {
                assertEquals(Set.of(stays, worseGone), Set.copyOf(confirmed), "confirmed: " + confirmed);
                assertEquals(2, confirmed.size(), "confirmed: " + confirmed);
            });
        }
    }

    @Test
    void theKameletEipsStepsGetTheConfirmedTransitionsAsBefore() throws Exception {
        List<String> confirmed = new CopyOnWriteArrayList<>();
        try (CamelContext context = started("""
                    - route:
                        from:
                          uri: direct:transitions
                          steps:
                            - kamelet:
                                name: docker-health-confirm-action
                                parameters:
                                  waitSeconds: 1
                                steps:
                                  - process:
                                      ref: confirmed
                    """, confirmed)) {
            String stays = transition("stays", "healthy", "unhealthy", "UNHEALTHY");
            context.createProducerTemplate().asyncSendBody("direct:transitions", stays);

            await().atMost(Duration.ofSeconds(10)).until(() -> confirmed.size() == 1);
            assertEquals(stays, confirmed.get(0));
        }
    }

    @Test
    void aMissingOrUnusableParameterStopsTheStartNamingIt() {
        assertEquals("docker-health-source: the parameter dockerHost is missing or empty; give it, e.g. "
                + "dockerHost: unix:///var/run/docker.sock", startFailure("""
                - route:
                    from:
                      uri: kamelet:docker-health-source
                      parameters:
                        dockerHost: ""
                      steps:
                        - to: log:transitions
                """));
        assertEquals("docker-health-confirm-action: waitSeconds: 'soon' must be a whole number of seconds, at least 1",
                startFailure("""
                - route:
                    from:
                      uri: direct:transitions
                      steps:
                        - to: "kamelet:docker-health-confirm-action?waitSeconds=soon"
                """));
    }

    @Test
    void aKameletRouteIdThatIsTheCallingRoutesStopsTheStartNamingBoth() {
        // Camel itself lets the Kamelet's route replace the caller's, then fails with a NullPointerException
        assertEquals("docker-health-confirm-action: route docker-alerts uses the Kamelet with the route id docker-alerts"
                + " (kamelet:docker-health-confirm-action/docker-alerts), its own id: Camel would replace route"
                + " docker-alerts with the Kamelet's route. Give the Kamelet a route id of its own, e.g."
                + " kamelet:docker-health-confirm-action/docker-alerts-confirm", startFailure("""
                - route:
                    id: docker-alerts
                    from:
                      uri: direct:transitions
                      steps:
                        - to: "kamelet:docker-health-confirm-action/docker-alerts?waitSeconds=300"
                        - to: log:alerts
                """));
        assertEquals("docker-health-source: route web uses the Kamelet with the route id web"
                + " (kamelet:docker-health-source/web), its own id: Camel would replace route web with the Kamelet's"
                + " route. Give the Kamelet a route id of its own, e.g. kamelet:docker-health-source/web-source",
                startFailure("""
                - route:
                    id: web
                    from:
                      uri: "kamelet:docker-health-source/web?dockerHost=tcp://127.0.0.1:1"
                      steps:
                        - to: log:transitions
                """));
    }

    /** The message of the innermost cause of the failed start of a context with these routes. */
    private static String startFailure(String routes) {
        try (CamelContext context = new DefaultCamelContext()) {
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("failing.camel.yaml", routes));
            context.start();
        } catch (Exception e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return root.getMessage();
        }
        throw new AssertionError("started:\n" + routes);
    }

    /** One transition as docker-health-source emits it (compact Jackson JSON, fields in this order). */
    private static String transition(String container, String from, String to, String change) {
        return "{\"container\":\"" + container + "\",\"id\":\"id-" + container + "\",\"key\":\"" + container
                + "\",\"project\":\"standalone\",\"service\":null,\"from\":\"" + from + "\",\"to\":\"" + to
                + "\",\"change\":\"" + change + "\",\"at\":\"2026-11-23T10:00:00Z\"}";
    }
}
