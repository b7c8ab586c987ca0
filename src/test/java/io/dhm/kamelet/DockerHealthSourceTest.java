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
    void theEngineParametersAreCheckedByTheMonitorsRulesAndNamedAsParameters() {
        assertEquals("tcp://10.0.0.5:2375", DockerHealthSource.settings("tcp://10.0.0.5:2375", "").dockerHost());
        assertEquals("unix:///var/run/docker.sock", DockerHealthSource.settings("", "").dockerHost());

        IllegalArgumentException host = assertThrows(IllegalArgumentException.class,
                () -> DockerHealthSource.settings("http://docker:2375", ""));
        assertTrue(host.getMessage().startsWith("docker-health-source: dockerHost: 'http://docker:2375'"), host.getMessage());

        IllegalArgumentException certs = assertThrows(IllegalArgumentException.class,
                () -> DockerHealthSource.settings("tcp://docker:2376", "/no/such/folder"));
        assertTrue(certs.getMessage().startsWith("docker-health-source: dockerCertPath:"), certs.getMessage());
    }

    @Test
    void startRejectsAnUnusableHostBeforeAnyPoll() throws Exception {
        DockerHealthSource kamelet = new DockerHealthSource();
        kamelet.setDockerHost("docker.example:2375");

        assertThrows(IllegalArgumentException.class, kamelet::start);

        kamelet.setDockerHost("unix:///nonexistent/docker.sock");
        kamelet.start(); // no connection is made before the first poll
        kamelet.close();
    }
}
