package io.dhm.ops;

import io.dhm.observe.TrackedContainer;
import io.dhm.engine.ContainerView;
import io.dhm.engine.Health;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContainerCensusTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    static TrackedContainer tracked(String name, String project, String status, String phase) {
        ContainerView view = new ContainerView("id-" + name, name, "img", project, project == null ? null : name, "1",
                !"not_found".equals(status), "unhealthy".equals(status) ? Health.UNHEALTHY : Health.HEALTHY, "");
        return new TrackedContainer(view, status, phase, T0, "OK".equals(phase) ? null : T0, null);
    }

    @Test
    void countsEachStateByProjectWithZerosForEveryProjectSeen() {
        ContainerCensus census = ContainerCensus.of(List.of(
                tracked("web", "shop", "unhealthy", "PENDING"),
                tracked("db", "shop", "healthy", "OK"),
                tracked("api", "billing", "unhealthy", "ALERTED"),
                tracked("gone", "billing", "not_found", "ALERTED"),
                tracked("solo", null, "starting", "OK")), List.of());

        assertEquals(List.of(
                new ContainerCensus.Row("monitored", "local", "billing", 1),
                new ContainerCensus.Row("unhealthy", "local", "billing", 1),
                new ContainerCensus.Row("pending", "local", "billing", 0),
                new ContainerCensus.Row("alerted", "local", "billing", 2),
                new ContainerCensus.Row("quarantined", "local", "billing", 0),
                new ContainerCensus.Row("monitored", "local", "shop", 2),
                new ContainerCensus.Row("unhealthy", "local", "shop", 1),
                new ContainerCensus.Row("pending", "local", "shop", 1),
                new ContainerCensus.Row("alerted", "local", "shop", 0),
                new ContainerCensus.Row("quarantined", "local", "shop", 0),
                new ContainerCensus.Row("monitored", "local", "standalone", 1),
                new ContainerCensus.Row("unhealthy", "local", "standalone", 0),
                new ContainerCensus.Row("pending", "local", "standalone", 0),
                new ContainerCensus.Row("alerted", "local", "standalone", 0),
                new ContainerCensus.Row("quarantined", "local", "standalone", 0)), census.rows());
        assertEquals(4, census.total("monitored"));
        assertEquals(2, census.total("unhealthy"));
    }

    @Test
    void aQuarantinedIdentityCountsForItsProjectTrackedOrNot() {
        ContainerCensus census = ContainerCensus.of(List.of(tracked("web", "shop", "unhealthy", "ALERTED")),
                List.of("shop/web/1", "billing/worker/2", "crashy"));

        assertTrue(census.rows().contains(new ContainerCensus.Row("quarantined", "local", "shop", 1)));
        assertTrue(census.rows().contains(new ContainerCensus.Row("quarantined", "local", "billing", 1)), "read from the key");
        assertTrue(census.rows().contains(new ContainerCensus.Row("quarantined", "local", "standalone", 1)), "a plain name");
        assertEquals(3, census.total("quarantined"));
    }

    @Test
    void theProjectOfAKeyIsItsFirstPartForComposeContainers() {
        assertEquals("shop", ContainerCensus.projectOf("shop/web/1"));
        assertEquals("standalone", ContainerCensus.projectOf("my-container"));
    }
}
