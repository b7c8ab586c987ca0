package io.dhm.route;

import org.apache.camel.LineNumberAware;
import org.apache.camel.model.FromDefinition;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.spi.RoutesLoader;

import java.io.BufferedReader;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** Loading one route file into Camel's model: what it added or replaced, each route knowing its file and line. */
final class ModelLoads {

    private ModelLoads() {
    }

    /**
     * Runs a load with the route configurations (error handlers, retries) taken out of the model, so that a user's file
     * may define one with a bundled id, which Camel's model would refuse as a duplicate: the user's replaces it, and
     * every other goes back.
     */
    static <T> T replacingConfigurations(Model model, Callable<T> load) throws Exception {
        List<RouteConfigurationDefinition> before = new ArrayList<>(model.getRouteConfigurationDefinitions());
        for (RouteConfigurationDefinition configuration : before) {
            model.removeRouteConfiguration(configuration);
        }
        try {
            return load.call();
        } finally {
            for (RouteConfigurationDefinition configuration : before) {
                if (model.getRouteConfigurationDefinition(configuration.getId()) == null) {
                    model.addRouteConfiguration(configuration);
                }
            }
        }
    }

    /** Loads one file into the model; the route definitions it added or replaced. */
    static List<RouteDefinition> load(RoutesLoader loader, Model model, Resource resource) {
        Map<RouteDefinition, Boolean> before = new IdentityHashMap<>();
        model.getRouteDefinitions().forEach(route -> before.put(route, true));
        try {
            loader.loadRoutes(resource);
        } catch (Exception e) {
            throw new InvalidRoutesException(resource.getLocation(), null, InvalidRoutesException.rootMessage(e));
        }
        List<RouteDefinition> loaded = model.getRouteDefinitions().stream().filter(route -> !before.containsKey(route)).toList();
        loaded.forEach(route -> locate(route, resource));
        return loaded;
    }

    /**
     * Gives a route the REST DSL generated the file it comes from as its source location, as the file's other routes
     * have from their {@code from:}. Camel's error messages, route dumps and the developer console's source page (which
     * {@code camel get source} reads, and fails on a route without one) take it from there. A REST call's route points
     * at the call's {@code to:} line, the OpenAPI document's route at the file's {@code restConfiguration}.
     */
    private static void locate(RouteDefinition route, Resource resource) {
        FromDefinition from = route.getInput();
        if (from == null || from.getLocation() != null) {
            return;
        }
        from.setLocation(resource.getLocation());
        from.setLineNumber(route.getOutputs().stream().mapToInt(LineNumberAware::getLineNumber).filter(line -> line > 0)
                .findFirst().orElseGet(() -> lineStarting(resource, "- restConfiguration:")));
    }

    /** The number of the first line of a file that starts with the text, or -1. */
    private static int lineStarting(Resource resource, String text) {
        try (BufferedReader reader = new BufferedReader(resource.getReader())) {
            List<String> lines = reader.lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith(text)) {
                    return i + 1;
                }
            }
            return -1;
        } catch (Exception e) {
            throw new InvalidRoutesException(resource.getLocation(), null, InvalidRoutesException.rootMessage(e));
        }
    }
}
