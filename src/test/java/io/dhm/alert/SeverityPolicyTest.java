package io.dhm.alert;

import io.dhm.engine.ContainerView;
import io.dhm.engine.Health;
import io.dhm.observe.WatchScope;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Severity per cause (ALERT_SEVERITY) and per container (label healthmonitor.severity); and who is watched. */
class SeverityPolicyTest {

    private static ContainerView container(Map<String, String> labels, Health health) {
        return new ContainerView("id", "web", "img", null, null, null, true, health, "", labels);
    }

    @Test
    void defaultsAreTheClassicSeveritiesAndTheSettingChangesOneCause() {
        SeverityPolicy defaults = SeverityPolicy.defaults();
        ContainerView plain = container(Map.of(), Health.NONE);
        assertEquals(Severity.CRITICAL, defaults.of("unhealthy", plain));
        assertEquals(Severity.CRITICAL, defaults.of("exited", plain));
        assertEquals(Severity.ERROR, defaults.of("not_found", plain));
        assertEquals(Severity.WARNING, defaults.of("paused", plain));
        SeverityPolicy set = new SeverityPolicy(Map.of("exited", "ERROR"));
        assertEquals(Severity.ERROR, set.of("exited", plain));
        assertEquals(Severity.CRITICAL, set.of("oom_killed", plain));
    }

    @Test
    void theContainersLabelWinsButCannotTurnAProblemIntoANoticeAndAnUnknownWordIsIgnored() {
        SeverityPolicy policy = new SeverityPolicy(Map.of("exited", "ERROR"));
        assertEquals(Severity.WARNING, policy.of("exited", container(Map.of(SeverityPolicy.LABEL, "warning"), Health.NONE)));
        assertEquals(Severity.ERROR, policy.of("exited", container(Map.of(SeverityPolicy.LABEL, "INFO"), Health.NONE)));
        assertEquals(Severity.ERROR, policy.of("exited", container(Map.of(SeverityPolicy.LABEL, "${jndi:x}"), Health.NONE)));
    }

    @Test
    void theScopeAndTheEnableLabelDecideWhoIsWatched() {
        ContainerView plain = container(Map.of(), Health.NONE);
        ContainerView checked = container(Map.of(), Health.HEALTHY);
        ContainerView optedOut = container(Map.of(WatchScope.LABEL, "false"), Health.HEALTHY);
        ContainerView optedIn = container(Map.of(WatchScope.LABEL, "true"), Health.NONE);
        assertTrue(WatchScope.ALL.watches(plain));
        assertFalse(WatchScope.ALL.watches(optedOut));
        assertFalse(WatchScope.HEALTH.watches(plain));
        assertTrue(WatchScope.HEALTH.watches(checked));
        assertFalse(WatchScope.HEALTH.watches(optedOut));
        assertFalse(WatchScope.LABELLED.watches(checked));
        assertTrue(WatchScope.LABELLED.watches(optedIn));
    }
}
