package io.dhm.cluster;

import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Only the leader acts" has one form in the bundled routes: {@code routePolicy: leaderOnly} on each route that
 * confirms, alerts, heals, delivers or pings, and on no other; no route asks the leadership any other way.
 */
class LeaderOnlyRoutesTest {

    /** The routes a follower must not run: what it observes goes no further than these. */
    private static final Set<String> ACTING = Set.of(
            "decide-act",          // confirms, heals on the event, tells of recoveries and stops
            "confirm-after-wait",  // its waits are the pair's, in the shared database
            "repeat-alerts",
            "engine-outages",
            "dispatch",            // every alert passes here on its way to the outbox
            "deliver",             // the outbox's sending
            "heal-due",            // every restart and quarantine
            "heartbeat");          // the dead-man's switch

    @Test
    void everyRouteThatActsIsLeaderOnlyAndNoOtherIs() throws IOException {
        Set<String> leaderOnly = new TreeSet<>();
        for (Map<String, Object> route : routes()) {
            Object policy = route.get("routePolicy");
            if (policy != null) {
                assertEquals("leaderOnly", policy, "route " + route.get("id") + ": the one route policy is leaderOnly");
                leaderOnly.add((String) route.get("id"));
            }
        }
        assertEquals(new TreeSet<>(ACTING), leaderOnly);
    }

    @Test
    void noRouteAsksTheLeadershipAnyOtherWay() throws IOException {
        for (Path file : routeFiles()) {
            String text = Files.readString(file);
            assertFalse(text.contains("leadership"), file + " asks bean leadership: declare routePolicy: leaderOnly");
            assertFalse(text.contains("ClusteredRoutePolicy") || text.contains("route-policy"), file.toString());
        }
        assertTrue(routes().size() > ACTING.size());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> routes() throws IOException {
        List<Map<String, Object>> routes = new ArrayList<>();
        Load yaml = new Load(LoadSettings.builder().build());
        for (Path file : routeFiles()) {
            for (Object element : (List<Object>) yaml.loadFromString(Files.readString(file))) {
                Object route = ((Map<String, Object>) element).get("route");
                if (route != null) {
                    routes.add((Map<String, Object>) route);
                }
            }
        }
        return routes;
    }

    private static List<Path> routeFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            return files.filter(file -> file.toString().endsWith(".camel.yaml")).sorted().toList();
        }
    }
}
