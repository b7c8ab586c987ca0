package io.dhm.it;

import io.dhm.DocBlocks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * examples/camel-estate, a Camel application of its own with nothing of the monitor but the small Kamelets jar, run as
 * its README says (both commands are read from the README) on each Camel version the jar is declared for
 * (kamelets.camel.versions, from the pom): Maven resolves the estate's classpath for that version, then the estate
 * runs its routes and, beside them, its Pipe with this engine's address written in, against the sandbox engine. In
 * both, a test container that turns unhealthy is emitted by the source and passed on by the confirm action after the
 * wait, and one that is healthy again within the wait is not.
 *
 * <p>Beside them run the route and the Pipe of docs/camel-users.md ("In a route", "In a Pipe"), read from the page
 * and run as written, with their own poll and wait, but for two values: their sink http://alerts.example.com/docker
 * becomes a log this test reads (log:docs-route, log:docs-pipe), and the Pipe's dockerHost becomes this engine's
 * address, which a Pipe's reader writes in as the page says (the route takes it from DOCKER_HOST as written).
 */
class KameletEstateIT {

    static final Path EXAMPLE = Path.of("examples", "camel-estate").toAbsolutePath();
    static final int WAIT_SECONDS = 8;
    static final Path DOCS = Path.of("docs", "camel-users.md");
    /** The sink of the docs' route and Pipe, the one value of theirs this test replaces (by a log it reads). */
    static final String DOCS_SINK = "http://alerts.example.com/docker";
    static final String DOCS_ROUTE_LOG = "docs-route";
    static final String DOCS_PIPE_LOG = "docs-pipe";

    static SandboxEngine engine;

    static List<String> camelVersions() {
        return List.of(System.getProperty("kamelets.camel.versions", "").trim().split("\\s+"));
    }

    @BeforeAll
    static void engine() {
        assertTrue(Files.isRegularFile(KameletsJar.PATH), "build the small jar first: " + KameletsJar.PATH);
        engine = new SandboxEngine();
    }

    @AfterAll
    static void closeEngine() throws IOException {
        if (engine != null) {
            engine.client.close();
        }
    }

    @ParameterizedTest(name = "Camel {0}")
    @MethodSource("camelVersions")
    void aContainerStillUnhealthyAfterTheWaitIsPassedOnInTheRoutesAndThePipesOfTheExampleAndTheDocs(String camelVersion)
            throws Exception {
        EstateReadme readme = EstateReadme.read(EXAMPLE);
        readme.resolveClasspath(camelVersion);
        DocsExamples docs = DocsExamples.write(work(camelVersion));
        String web = SandboxEngine.unique("estate-web");
        String blip = SandboxEngine.unique("estate-blip");
        // both are healthy before the estate starts, so its first polls (the baseline) know them as healthy
        String webId = engine.startMonitored(web);
        String blipId = engine.startMonitored(blip);
        Path log = Path.of("target", "it-logs", "KameletEstateIT-camel-" + camelVersion + ".log").toAbsolutePath();
        // four sources: the example's routes and Pipe, the docs' route and Pipe
        try (EstateProcess estate = readme.start(log, engine.dockerHost,
                List.of(pipeFor(camelVersion), docs.route(), docs.pipe()), WAIT_SECONDS, 4)) {
            assertTrue(estate.output().contains("Apache Camel (Main) " + camelVersion + " "),
                    () -> "not Camel " + camelVersion + ":\n" + estate.output());

            engine.makeUnhealthy(blipId);
            engine.makeUnhealthy(webId);
            Instant unhealthy = Instant.now();
            estate.await(() -> estate.transitions(web).size() == 1 && estate.transitions(blip).size() == 1,
                    Duration.ofSeconds(30));
            engine.makeHealthy(blipId); // back well within the wait: passed on by neither
            assertEquals("healthy", estate.transitions(web).get(0).get("from"));
            assertEquals("unhealthy", estate.transitions(web).get(0).get("to"));
            String at = (String) estate.transitions(web).get(0).get("at");

            // the routes: (the line goes on with "(healthy → unhealthy at <at>)"; the arrow is left out of the match,
            // as the console's charset is the machine's)
            estate.await(() -> estate.output().contains("still unhealthy after " + WAIT_SECONDS + " s: " + web + " ["),
                    Duration.ofSeconds(WAIT_SECONDS + 20L));
            assertTrue(estate.output().contains(" unhealthy at " + at + ")"), "no confirmation of " + web + " at " + at);
            // the Pipe: its sink gets the transition as the source emitted it
            estate.await(() -> estate.piped(web).size() == 1, Duration.ofSeconds(20));
            assertEquals("unhealthy", estate.piped(web).get(0).get("to"));
            assertEquals(webId, estate.piped(web).get(0).get("id"));

            estate.await(() -> estate.transitions(blip).size() == 2, Duration.ofSeconds(20));
            assertEquals("RETURNED", estate.transitions(blip).get(1).get("change"));
            // blip's wait has passed (web's, which began with it, has ended): it is confirmed by neither, for two
            // polls more
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).untilAsserted(() -> {
                assertFalse(estate.output().contains(": " + blip + " ["), () -> "the routes confirmed blip:\n" + estate.output());
                assertTrue(estate.piped(blip).isEmpty(), () -> "the Pipe confirmed blip:\n" + estate.output());
            });

            // the docs' route and Pipe: web reaches their sinks only after their wait (which began when their own
            // poll, up to one interval later, saw it), blip never
            estate.await(() -> !estate.sunk(DOCS_ROUTE_LOG, web).isEmpty() || !estate.sunk(DOCS_PIPE_LOG, web).isEmpty(),
                    Duration.ofSeconds(docs.waitSeconds() + 60L));
            long waited = Duration.between(unhealthy, Instant.now()).toSeconds();
            assertTrue(waited >= docs.waitSeconds(), "the docs' examples passed web on after " + waited + " s");
            estate.await(() -> estate.sunk(DOCS_ROUTE_LOG, web).size() == 1 && estate.sunk(DOCS_PIPE_LOG, web).size() == 1,
                    Duration.ofSeconds(30));
            for (String sink : List.of(DOCS_ROUTE_LOG, DOCS_PIPE_LOG)) {
                assertEquals("unhealthy", estate.sunk(sink, web).get(0).get("to"), sink);
                assertEquals(webId, estate.sunk(sink, web).get(0).get("id"), sink);
                assertTrue(estate.sunk(sink, blip).isEmpty(), () -> sink + " got blip:\n" + estate.output());
            }
            assertFalse(estate.output().contains(" ERROR "), () -> "the estate logged an error:\n" + estate.output());
            assertTrue(estate.alive(), "the estate stopped");
        } finally {
            engine.remove(webId);
            engine.remove(blipId);
        }
    }

    /**
     * The example's Pipe with this test's engine, poll and wait written in as values, as its comment asks: its source
     * takes no placeholders, so the environment cannot override them.
     */
    static Path pipeFor(String camelVersion) throws IOException {
        String where = "pipe/estate-pipe.yaml";
        String pipe = Files.readString(EXAMPLE.resolve(where), StandardCharsets.UTF_8);
        pipe = replaceOnce(where, pipe, "dockerHost: unix:///var/run/docker.sock", "dockerHost: " + engine.dockerHost);
        pipe = replaceOnce(where, pipe, "pollIntervalSeconds: 5", "pollIntervalSeconds: 1");
        pipe = replaceOnce(where, pipe, "waitSeconds: 30", "waitSeconds: " + WAIT_SECONDS);
        return written(work(camelVersion).resolve("estate-pipe.yaml"), pipe);
    }

    /** The route and the Pipe of docs/camel-users.md as files, with only their sink (and the Pipe's engine) replaced. */
    record DocsExamples(Path route, Path pipe, int waitSeconds) {

        static DocsExamples write(Path folder) throws IOException {
            String route = DocBlocks.under(DOCS, "In a route", "yaml").text();
            String pipe = DocBlocks.under(DOCS, "In a Pipe", "yaml").text();
            Matcher wait = Pattern.compile("waitSeconds=(\\d+)").matcher(route);
            assertTrue(wait.find(), DOCS + ": the route's confirm action has no waitSeconds");
            assertTrue(pipe.contains("waitSeconds: " + wait.group(1) + "\n"), DOCS + ": the route and the Pipe wait alike");
            String where = DOCS + " (In a route)";
            route = replaceOnce(where, route, DOCS_SINK, logSink(DOCS_ROUTE_LOG));
            where = DOCS + " (In a Pipe)";
            pipe = replaceOnce(where, pipe, DOCS_SINK, logSink(DOCS_PIPE_LOG));
            pipe = replaceOnce(where, pipe, "dockerHost: unix:///var/run/docker.sock", "dockerHost: " + engine.dockerHost);
            return new DocsExamples(written(folder.resolve("docs-route.camel.yaml"), route),
                    written(folder.resolve("docs-pipe.yaml"), pipe), Integer.parseInt(wait.group(1)));
        }

        private static String logSink(String logger) {
            return "log:" + logger + "?showExchangePattern=false&showBodyType=false";
        }
    }

    private static Path work(String camelVersion) {
        return Path.of("target", "it-work", "KameletEstateIT-" + camelVersion).toAbsolutePath();
    }

    private static Path written(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static String replaceOnce(String where, String text, String from, String to) {
        Matcher found = Pattern.compile(Pattern.quote(from)).matcher(text);
        assertTrue(found.find(), where + " no longer has " + from);
        return found.replaceFirst(Matcher.quoteReplacement(to));
    }
}
