package io.dhm.heal;

import io.dhm.config.Settings;
import io.dhm.engine.ContainerView;
import io.dhm.engine.Health;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HealSelectionTest {

    static HealSelection selection(String... keysAndValues) {
        Properties p = new Properties();
        p.setProperty("autoheal.enabled", "true");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            p.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new HealSelection(Settings.from(p).heal());
    }

    static ContainerView container(String name, Map<String, String> labels) {
        return new ContainerView("id-" + name, name, "img", null, null, null, true, Health.UNHEALTHY, "", labels);
    }

    @Test
    void likeDockerAutohealOnlyContainersLabelledTrue() {
        HealSelection s = selection();
        assertTrue(s.selects(container("web", Map.of("autoheal", "true"))));
        assertTrue(s.selects(container("web", Map.of("autoheal", "TRUE"))));
        assertFalse(s.selects(container("web", Map.of())));
        assertFalse(s.selects(container("web", Map.of("autoheal", "yes-please"))));
    }

    @Test
    void anotherLabelNameOrAllContainers() {
        assertTrue(selection("autoheal.container.label", "heal.me").selects(container("web", Map.of("heal.me", "true"))));
        assertFalse(selection("autoheal.container.label", "heal.me").selects(container("web", Map.of("autoheal", "true"))));
        assertTrue(selection("autoheal.container.label", "all").selects(container("web", Map.of())));
    }

    @Test
    void autohealFalseInAnyCaseAlwaysOptsOut() {
        HealSelection all = selection("autoheal.container.label", "all");
        assertFalse(all.selects(container("web", Map.of("autoheal", "False"))));
        assertFalse(all.selects(container("web", Map.of("autoheal", "false"))));
    }

    @Test
    void nothingIsSelectedWhileAutohealIsOff() {
        assertFalse(selection("autoheal.enabled", "false", "autoheal.container.label", "all").selects(container("web", Map.of())));
    }

    @Test
    void allowAndDenyListsByNameGlobAndLabel() {
        HealSelection s = selection("autoheal.container.label", "all", "autoheal.include.names", "web-*,api-?",
                "autoheal.exclude.names", "web-canary", "autoheal.exclude.labels", "tier=db,no-heal");
        assertTrue(s.selects(container("web-1", Map.of())));
        assertTrue(s.selects(container("api-2", Map.of())));
        assertFalse(s.selects(container("api-22", Map.of())));
        assertFalse(s.selects(container("worker", Map.of())));
        assertFalse(s.selects(container("web-canary", Map.of())));
        assertFalse(s.selects(container("web-db", Map.of("tier", "DB"))));
        assertTrue(s.selects(container("web-cache", Map.of("tier", "cache"))));
        assertFalse(s.selects(container("web-2", Map.of("no-heal", ""))));

        HealSelection byLabel = selection("autoheal.container.label", "all", "autoheal.include.labels", "team=shop");
        assertTrue(byLabel.selects(container("x", Map.of("team", "shop"))));
        assertFalse(byLabel.selects(container("x", Map.of("team", "billing"))));
    }

    @Test
    void globsQuoteEverythingElse() {
        assertTrue(io.dhm.config.Glob.of("a.b*").matches("a.bc"));
        assertFalse(io.dhm.config.Glob.of("a.b*").matches("axbc"));
    }

    @Test
    void optOutsAndDenyListsExcludeEvenContainersThatNeverAskedToBeHealed() {
        HealSelection s = selection("autoheal.exclude.names", "db-*", "autoheal.exclude.labels", "tier=db");
        assertTrue(s.excludes(container("sidecar", Map.of("autoheal", "FALSE"))));
        assertTrue(s.excludes(container("db-1", Map.of())));
        assertTrue(s.excludes(container("x", Map.of("tier", "db"))));
        assertFalse(s.excludes(container("sidecar", Map.of())), "no autoheal=true needed to be restarted as a dependent");
    }
}
