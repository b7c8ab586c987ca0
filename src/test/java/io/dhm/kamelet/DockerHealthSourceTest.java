package io.dhm.kamelet;

import io.dhm.ManualClock;
import io.dhm.engine.ContainerView;
import io.dhm.engine.EngineUnavailableException;
import io.dhm.engine.Health;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The source's polls against a stand-in for the engine's list of running containers. */
class DockerHealthSourceTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private final ManualClock clock = new ManualClock(T0);
    /** What the next poll's list call returns; null stands for an engine that does not answer. */
    private List<ContainerView> engine = new ArrayList<>();
    private final DockerHealthSource source = new DockerHealthSource(() -> {
        if (engine == null) {
            throw new EngineUnavailableException("engine down", new java.io.IOException("refused"));
        }
        return engine;
    }, clock);

    private static ContainerView standalone(String name, Health health) {
        return new ContainerView("id-" + name, name, "busybox", null, null, null, true, health, "");
    }

    private static ContainerView compose(String id, Health health) {
        return new ContainerView(id, "shop-web-1", "shop/web:1", "shop", "web", "1", true, health, "");
    }

    private List<Map<String, Object>> pollAfter(Duration step, ContainerView... running) {
        clock.advance(step);
        engine = List.of(running);
        return source.poll();
    }

    private static Map<String, Object> single(List<Map<String, Object>> transitions) {
        assertEquals(1, transitions.size(), () -> "expected one transition, got " + transitions);
        return transitions.get(0);
    }

    @Test
    void theFirstPollIsTheBaselineAndReportsOnlyWhatIsAlreadyUnhealthy() {
        Map<String, Object> broken = single(pollAfter(Duration.ZERO, standalone("web", Health.HEALTHY),
                standalone("db", Health.STARTING), standalone("cache", Health.UNHEALTHY),
                standalone("plain", Health.NONE)));

        assertEquals("cache", broken.get("container"));
        assertEquals("unknown", broken.get("from"));
        assertEquals("unhealthy", broken.get("to"));
        assertEquals("UNHEALTHY", broken.get("change"));
    }

    @Test
    void aHealthTransitionBecomesOneMapWithEveryDocumentedField() {
        pollAfter(Duration.ZERO, compose("c1", Health.HEALTHY));

        Map<String, Object> transition = single(pollAfter(Duration.ofSeconds(5), compose("c1", Health.UNHEALTHY)));

        assertEquals(List.of("container", "id", "key", "project", "service", "from", "to", "change", "at"),
                List.copyOf(transition.keySet()));
        assertEquals("shop-web-1", transition.get("container"));
        assertEquals("c1", transition.get("id"));
        assertEquals("shop/web/1", transition.get("key"));
        assertEquals("shop", transition.get("project"));
        assertEquals("web", transition.get("service"));
        assertEquals("healthy", transition.get("from"));
        assertEquals("unhealthy", transition.get("to"));
        assertEquals("UNHEALTHY", transition.get("change"));
        assertEquals("2026-11-23T10:00:05Z", transition.get("at"));
    }

    @Test
    void aContainerOutsideComposeIsStandaloneAndKeyedByName() {
        pollAfter(Duration.ZERO, standalone("web", Health.HEALTHY));

        Map<String, Object> transition = single(pollAfter(Duration.ofSeconds(1), standalone("web", Health.UNHEALTHY)));

        assertEquals("web", transition.get("key"));
        assertEquals("standalone", transition.get("project"));
        assertEquals(null, transition.get("service"));
    }

    @Test
    void nothingChangedMeansNothingEmitted() {
        pollAfter(Duration.ZERO, standalone("web", Health.HEALTHY));

        assertTrue(pollAfter(Duration.ofSeconds(1), standalone("web", Health.HEALTHY)).isEmpty());
    }

    @Test
    void aStoppedOrRemovedContainerIsNotFound() {
        pollAfter(Duration.ZERO, standalone("web", Health.HEALTHY));

        Map<String, Object> gone = single(pollAfter(Duration.ofSeconds(1)));

        assertEquals("healthy", gone.get("from"));
        assertEquals("not_found", gone.get("to"));
        assertEquals("VANISHED", gone.get("change"));
    }

    @Test
    void aReturnSettlesTheEpisodeSoTheNextTroubleIsAFreshOne() {
        pollAfter(Duration.ZERO, standalone("web", Health.HEALTHY));
        pollAfter(Duration.ofSeconds(1), standalone("web", Health.UNHEALTHY));

        Map<String, Object> back = single(pollAfter(Duration.ofSeconds(1), standalone("web", Health.HEALTHY)));
        assertEquals("RETURNED", back.get("change"));

        // nothing alerts here, so a later healthy → starting is just noted, not another return from trouble
        assertEquals("NOTED", single(pollAfter(Duration.ofSeconds(1), standalone("web", Health.STARTING))).get("change"));
        Map<String, Object> again = single(pollAfter(Duration.ofSeconds(1), standalone("web", Health.UNHEALTHY)));
        assertEquals("starting", again.get("from"));
        assertEquals("UNHEALTHY", again.get("change"));
    }

    @Test
    void anEngineThatDoesNotAnswerYieldsNothingAndTheNextAnswerCatchesUp() {
        pollAfter(Duration.ZERO, standalone("web", Health.HEALTHY));
        engine = null;
        clock.advance(Duration.ofSeconds(1));

        assertTrue(source.poll().isEmpty());

        Map<String, Object> caughtUp = single(pollAfter(Duration.ofSeconds(1), standalone("web", Health.UNHEALTHY)));
        assertEquals("healthy", caughtUp.get("from"));
        assertEquals("unhealthy", caughtUp.get("to"));
    }

    @Test
    void startRejectsUnusableParametersBeforeAnyPollNamingThem() {
        DockerHealthSource kamelet = new DockerHealthSource();
        kamelet.setDockerHost("http://docker:2375");
        IllegalArgumentException host = assertThrows(IllegalArgumentException.class, kamelet::start);
        assertEquals("docker-health-source: dockerHost: 'http://docker:2375' must start with unix://, tcp:// or npipe://",
                host.getMessage());

        kamelet.setDockerHost(" ");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, kamelet::start);
        assertTrue(missing.getMessage().startsWith("docker-health-source: the parameter dockerHost is missing or empty"),
                missing.getMessage());

        kamelet.setDockerHost("tcp://docker:2376");
        kamelet.setDockerCertPath("/no/such/folder");
        IllegalArgumentException certs = assertThrows(IllegalArgumentException.class, kamelet::start);
        assertEquals("docker-health-source: dockerCertPath: '/no/such/folder' is not a directory", certs.getMessage());
    }

    @Test
    void anEngineThatIsDownDoesNotFailTheStartOnlyThePollsWhichYieldNothing() throws Exception {
        DockerHealthSource kamelet = new DockerHealthSource();
        kamelet.setDockerHost("unix:///nonexistent/docker.sock");
        kamelet.start(); // no connection is made before the first poll

        assertTrue(kamelet.poll().isEmpty());
        kamelet.close();
    }

    @Test
    void aPipesUrlEncodedParametersArriveAsWritten() throws Exception {
        DockerHealthSource kamelet = new DockerHealthSource();
        // what a Pipe's "dockerHost: unix:///nonexistent/docker.sock" becomes on the Kamelet's URI
        kamelet.setDockerHost("unix%3A%2F%2F%2Fnonexistent%2Fdocker.sock");
        kamelet.setDockerCertPath("%2Fno%2Fsuch%2Ffolder");

        IllegalArgumentException certs = assertThrows(IllegalArgumentException.class, kamelet::start);
        assertEquals("docker-health-source: dockerCertPath: '/no/such/folder' is not a directory", certs.getMessage());
        kamelet.setDockerCertPath("");
        kamelet.start();
        kamelet.close();
    }
}
