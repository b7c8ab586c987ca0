package io.dhm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Draft4;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.path.NodePath;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every Camel YAML of the project is valid against camel-yaml-dsl's own JSON schema (schema/camelYamlDsl.json in the
 * camel-yaml-dsl jar of the Camel this project builds with, read from the test classpath), the schema VS Code's Camel
 * extension and Kaoto validate with: the bundled routes, the camel-estate example's routes, the Kamelets' templates
 * and the Camel YAML blocks of docs/.
 *
 * <p>A Kamelet's {@code spec.template} is checked as camel-yaml-dsl reads it: as a {@code routeTemplate} whose id is
 * the Kamelet's name. The schema knows no Pipe (camel-yaml-dsl turns one into a route of kamelet: and uri
 * endpoints), so a Pipe is checked as Camel K checks one: each Kamelet it names is one of the project's, of the kind
 * its place asks for, and its properties are declared by that Kamelet and valid against its definition. A YAML block
 * of the docs that is no Camel YAML (a Compose file, a Prometheus configuration) is recognised by its content and
 * skipped; one that is neither fails, so a new example is never left out unnoticed.
 */
class RouteSchemaTest {

    private static final String SCHEMA = "schema/camelYamlDsl.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path KAMELETS = Path.of("src", "main", "resources", "kamelets");
    private static final Path ESTATE = Path.of("examples", "camel-estate");

    /**
     * Draft 4, as both the DSL schema and the Kamelets' definitions are written, knowing the two words they add that
     * say nothing to check (deprecated, example).
     */
    private static final SchemaRegistry DRAFT_4 = SchemaRegistry.withDefaultDialect(Dialect.builder(Draft4.getInstance())
            .keyword(new NonValidationKeyword("deprecated")).keyword(new NonValidationKeyword("example")).build());
    private static final JsonNode DSL_SCHEMA = schemaJson();
    private static final Schema DSL = DRAFT_4.getSchema(DSL_SCHEMA);

    private static JsonNode schemaJson() {
        try (InputStream in = RouteSchemaTest.class.getClassLoader().getResourceAsStream(SCHEMA)) {
            assertNotNull(in, SCHEMA + " is not on the test classpath (camel-yaml-dsl)");
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theSchemaIsTheOneOfTheCamelThisProjectBuildsWith() {
        URL schema = RouteSchemaTest.class.getClassLoader().getResource(SCHEMA);
        String camel = CamelContext.class.getPackage().getImplementationVersion();
        assertNotNull(schema);
        assertTrue(schema.toString().endsWith("/camel-yaml-dsl-" + camel + ".jar!/" + SCHEMA), schema::toString);
    }

    /** The check finds what Camel's editors flag: a number where a text is wanted, and a text where a number is. */
    @Test
    void theCheckNamesTheFileLineAndPathOfAValueOfTheWrongType() {
        YamlText yaml = YamlText.parse("retries.camel.yaml", 1, """
                - routeConfiguration:
                    onException:
                      - onException:
                          exception:
                            - java.lang.Exception
                          redeliveryPolicy:
                            maximumRedeliveries: "{{retries}}"
                            redeliveryDelay: 5000
                """);
        List<String> problems = dslProblems(yaml, yaml.json(), List.of(), List.of());
        assertEquals(2, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("retries.camel.yaml:7 "
                + "/0/routeConfiguration/onException/0/onException/redeliveryPolicy/maximumRedeliveries: "), problems::toString);
        assertTrue(problems.get(1).startsWith("retries.camel.yaml:8 "
                + "/0/routeConfiguration/onException/0/onException/redeliveryPolicy/redeliveryDelay: "), problems::toString);
    }

    @Test
    void aPipesPropertiesAreCheckedAgainstItsKameletsDefinitions() throws IOException {
        YamlText pipe = YamlText.parse("p.yaml", 1, """
                apiVersion: camel.apache.org/v1
                kind: Pipe
                metadata:
                  name: p
                spec:
                  source:
                    ref: {kind: Kamelet, apiVersion: camel.apache.org/v1, name: docker-health-source}
                    properties:
                      pollIntervalSecond: 5
                  steps:
                    - ref: {kind: Kamelet, apiVersion: camel.apache.org/v1, name: docker-health-confirm-action}
                      properties:
                        waitSeconds: soon
                  sink:
                    ref: {kind: Kamelet, apiVersion: camel.apache.org/v1, name: docker-health-source}
                """);
        assertEquals(List.of(
                "p.yaml:9 /spec/source/properties/pollIntervalSecond: docker-health-source has no such property"
                        + " (Camel would ignore it)",
                "p.yaml:13 /spec/steps/0/properties/waitSeconds: string found, integer expected",
                "p.yaml:15 /spec/sink: docker-health-source is a source Kamelet, not a sink"), pipeProblems(pipe));
    }

    @TestFactory
    Stream<DynamicTest> everyRouteFile() throws IOException {
        return Stream.concat(files(Path.of("routes"), ".camel.yaml"), files(ESTATE.resolve("routes"), ".yaml"))
                .map(file -> DynamicTest.dynamicTest(file.toString(), () -> {
                    YamlText yaml = read(file);
                    assertValid(dslProblems(yaml, yaml.json(), List.of(), List.of()));
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyKameletsTemplate() throws IOException {
        return files(KAMELETS, ".kamelet.yaml").map(file -> DynamicTest.dynamicTest(file.toString(),
                () -> assertValid(kameletProblems(read(file)))));
    }

    @TestFactory
    Stream<DynamicTest> everyPipeOfTheExample() throws IOException {
        return files(ESTATE.resolve("pipe"), ".yaml").map(file -> DynamicTest.dynamicTest(file.toString(),
                () -> assertValid(pipeProblems(read(file)))));
    }

    @TestFactory
    Stream<DynamicTest> everyYamlBlockOfTheDocs() throws IOException {
        List<DocBlocks.Block> blocks = new ArrayList<>();
        for (Path page : files(Path.of("docs"), ".md").toList()) {
            blocks.addAll(DocBlocks.of(page, "yaml"));
        }
        return blocks.stream().map(block -> {
            YamlText yaml = YamlText.parse(block.page().toString(), block.line(), block.text());
            DocYaml kind = DocYaml.of(yaml.json());
            return DynamicTest.dynamicTest(block.where() + " (" + kind.description + ")",
                    () -> assertValid(kind.problems(yaml)));
        });
    }

    /** What a YAML block of the docs is, told by its content, and how it is checked. */
    enum DocYaml {
        ROUTES("Camel routes") {
            @Override
            List<String> problems(YamlText yaml) {
                return dslProblems(yaml, yaml.json(), List.of(), List.of());
            }
        },
        STEPS("steps of a Camel route") {
            @Override
            List<String> problems(YamlText yaml) {
                ObjectNode from = JSON.createObjectNode().put("uri", "direct:docs");
                from.set("steps", yaml.json());
                ObjectNode route = JSON.createObjectNode();
                route.putObject("route").set("from", from);
                return dslProblems(yaml, JSON.createArrayNode().add(route), List.of(0, "route", "from", "steps"), List.of());
            }
        },
        PIPE("a Pipe") {
            @Override
            List<String> problems(YamlText yaml) throws IOException {
                return pipeProblems(yaml);
            }
        },
        KAMELET("a Kamelet") {
            @Override
            List<String> problems(YamlText yaml) {
                return kameletProblems(yaml);
            }
        },
        COMPOSE_FILE("a Docker Compose file, not Camel: skipped",
                "services", "secrets", "volumes", "networks", "configs", "name"),
        COMPOSE_SERVICE("part of a Docker Compose service, not Camel: skipped",
                "image", "labels", "healthcheck", "environment", "ports", "volumes", "working_dir", "network_mode",
                "secrets", "restart"),
        PROMETHEUS("a Prometheus configuration, not Camel: skipped", "global", "scrape_configs", "rule_files", "alerting"),
        UNKNOWN("unknown") {
            @Override
            List<String> problems(YamlText yaml) {
                return List.of(yaml.where() + ":" + yaml.firstLine() + " is neither Camel YAML (routes, steps, a Pipe,"
                        + " a Kamelet) nor a Compose or Prometheus file: teach RouteSchemaTest.DocYaml what it is");
            }
        };

        final String description;
        /** The keys a mapping of this kind of file has at its top, for those told by their keys. */
        private final Set<String> keys;

        DocYaml(String description, String... keys) {
            this.description = description;
            this.keys = Set.of(keys);
        }

        /** Not Camel: nothing to check. */
        List<String> problems(YamlText yaml) throws IOException {
            return List.of();
        }

        static DocYaml of(JsonNode json) {
            if (json.isArray() && anyItemKeyIn(json, topLevelKeys())) {
                return ROUTES;
            }
            if (json.isArray() && anyItemKeyIn(json, processorKeys())) {
                return STEPS;
            }
            if ("Pipe".equals(json.path("kind").asText())) {
                return PIPE;
            }
            if ("Kamelet".equals(json.path("kind").asText())) {
                return KAMELET;
            }
            for (DocYaml other : List.of(COMPOSE_FILE, COMPOSE_SERVICE, PROMETHEUS)) {
                if (json.isObject() && !json.isEmpty() && other.keys.containsAll(fieldNames(json))) {
                    return other;
                }
            }
            return UNKNOWN;
        }
    }

    /** A Kamelet's template, as camel-yaml-dsl reads it: a routeTemplate with the Kamelet's name as its id. */
    private static List<String> kameletProblems(YamlText yaml) {
        JsonNode template = yaml.json().at("/spec/template");
        if (!template.isObject()) {
            return List.of(yaml.where() + ": no spec.template");
        }
        ObjectNode routeTemplate = JSON.createObjectNode().put("id", yaml.json().at("/metadata/name").asText());
        routeTemplate.setAll((ObjectNode) template);
        ArrayNode routes = JSON.createArrayNode().add(JSON.createObjectNode().set("routeTemplate", routeTemplate));
        return dslProblems(yaml, routes, List.of(0, "routeTemplate"), List.of("spec", "template"));
    }

    /** A Pipe: its Kamelets are the project's, in their places, with properties they declare, of their types. */
    private static List<String> pipeProblems(YamlText yaml) throws IOException {
        JsonNode spec = yaml.json().path("spec");
        List<String> problems = new ArrayList<>();
        if (!yaml.json().at("/metadata/name").isTextual()) {
            problems.add(yaml.where() + ":" + yaml.firstLine() + " the Pipe has no metadata.name");
        }
        problems.addAll(endpointProblems(yaml, spec.path("source"), List.of("spec", "source"), "source"));
        for (int i = 0; i < spec.path("steps").size(); i++) {
            problems.addAll(endpointProblems(yaml, spec.path("steps").get(i), List.of("spec", "steps", i), "action"));
        }
        problems.addAll(endpointProblems(yaml, spec.path("sink"), List.of("spec", "sink"), "sink"));
        return problems;
    }

    private static List<String> endpointProblems(YamlText yaml, JsonNode endpoint, List<Object> path, String type)
            throws IOException {
        if (endpoint.path("uri").isTextual()) {
            return List.of();
        }
        JsonNode ref = endpoint.path("ref");
        if (!"Kamelet".equals(ref.path("kind").asText()) || !"camel.apache.org/v1".equals(ref.path("apiVersion").asText())) {
            return List.of(problem(yaml, path, List.of(),
                    "neither a uri nor a ref to a Kamelet (kind: Kamelet, apiVersion: camel.apache.org/v1)"));
        }
        Path file = KAMELETS.resolve(ref.path("name").asText() + ".kamelet.yaml");
        if (!Files.isRegularFile(file)) {
            return List.of(problem(yaml, path, List.of("ref", "name"), "no Kamelet " + ref.path("name") + " in " + KAMELETS));
        }
        JsonNode kamelet = read(file).json();
        List<String> problems = new ArrayList<>();
        String kind = kamelet.at("/metadata/labels/camel.apache.org~1kamelet.type").asText();
        if (!type.equals(kind)) {
            problems.add(problem(yaml, path, List.of(), ref.path("name").asText() + " is a " + kind + " Kamelet, not a " + type));
        }
        JsonNode definition = kamelet.at("/spec/definition");
        JsonNode properties = endpoint.path("properties").isMissingNode() ? JSON.createObjectNode() : endpoint.path("properties");
        for (String name : fieldNames(properties)) {
            if (!definition.path("properties").has(name)) {
                problems.add(problem(yaml, path, List.of("properties", name),
                        ref.path("name").asText() + " has no such property (Camel would ignore it)"));
            }
        }
        for (Error error : DRAFT_4.getSchema(definition).validate(properties)) {
            List<Object> property = new ArrayList<>(List.of("properties"));
            property.addAll(elements(error.getInstanceLocation()));
            problems.add(problem(yaml, path, property, error.getMessage()));
        }
        return problems;
    }

    /** "file:line /path: message" for the value at {@code path} then {@code more}. */
    private static String problem(YamlText yaml, List<Object> path, List<Object> more, String message) {
        List<Object> full = new ArrayList<>(path);
        full.addAll(more);
        return yaml.where() + ":" + yaml.lineOf(full) + " " + pointer(full) + ": " + message;
    }

    /**
     * The schema's findings on {@code instance}, each as "file:line /path: message" with the path as it is in the file:
     * a path of the instance that starts with {@code wrapped} (what this test wrapped the file's YAML in) starts with
     * {@code inFile} instead.
     */
    static List<String> dslProblems(YamlText yaml, JsonNode instance, List<Object> wrapped, List<Object> inFile) {
        List<String> problems = new ArrayList<>();
        for (Error error : DSL.validate(instance)) {
            List<Object> path = elements(error.getInstanceLocation());
            if (path.size() >= wrapped.size() && path.subList(0, wrapped.size()).equals(wrapped)) {
                List<Object> mapped = new ArrayList<>(inFile);
                mapped.addAll(path.subList(wrapped.size(), path.size()));
                path = mapped;
            }
            problems.add(problem(yaml, path, List.of(), error.getMessage()));
        }
        return problems;
    }

    private static List<Object> elements(NodePath path) {
        List<Object> elements = new ArrayList<>();
        for (int i = 0; i < path.getNameCount(); i++) {
            elements.add(path.getElement(i));
        }
        return elements;
    }

    private static String pointer(List<Object> path) {
        StringBuilder pointer = new StringBuilder();
        path.forEach(step -> pointer.append('/').append(step));
        return pointer.length() == 0 ? "/" : pointer.toString();
    }

    private static void assertValid(List<String> problems) {
        assertTrue(problems.isEmpty(), () -> problems.size() + " problem(s):\n" + String.join("\n", problems));
    }

    /** What may stand at the top of a routes file: route, routeConfiguration, beans, rest ... as the schema says. */
    private static Set<String> topLevelKeys() {
        return fieldNames(DSL_SCHEMA.at("/items/properties"));
    }

    /** The names of the processors (log, setHeader, to ...), as the schema lists them. */
    private static Set<String> processorKeys() {
        return fieldNames(DSL_SCHEMA.at("/items/definitions/org.apache.camel.model.ProcessorDefinition/properties"));
    }

    private static boolean anyItemKeyIn(JsonNode items, Set<String> keys) {
        for (JsonNode item : items) {
            if (item.isObject() && fieldNames(item).stream().anyMatch(keys::contains)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Stream<Path> files(Path folder, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> found = files.filter(file -> file.getFileName().toString().endsWith(suffix)).sorted().toList();
            assertTrue(!found.isEmpty(), "no *" + suffix + " in " + folder);
            return found.stream();
        }
    }

    private static YamlText read(Path file) throws IOException {
        return YamlText.parse(file.toString(), 1, Files.readString(file, StandardCharsets.UTF_8));
    }
}
