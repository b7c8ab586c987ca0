package io.dhm.route;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reloads one of the user's route files when it was saved, added or removed (ROUTES_RELOAD). Only the routes of that
 * file change: each of its routes replaces the running route with the same id, a route it no longer defines is
 * removed, or brought back from the bundled routes when it replaced one. A file that does not parse, defines an id
 * another file of the user's defines, or moves a bundled route's start is refused with one WARN, and the routes
 * running before keep running, so the monitor never runs with fewer routes than it needs.
 * <p>
 * The file watcher reports one save as several events (a new file as created and modified, a write as a truncation
 * and a write, an unzip's time stamp as one more): a file whose text is the text last handled is not handled again,
 * and an empty file, a truncation whose content is still to come, waits for it. So each save is reloaded (or refused)
 * once, and a new route is not replaced by itself right after it started. A save that changes nothing changes
 * nothing, but a file refused is tried again once any other file has reloaded, as its refusal may be gone with it (a
 * route id the other file took).
 */
final class RouteReload {

    private static final Logger LOG = LoggerFactory.getLogger(RouteReload.class);

    private final CamelContext context;
    private final RouteFiles files;
    private final Model model;
    /** A user's file (its location) -> its text last handled, and whether it was refused. */
    private final Map<String, Handled> handled = new HashMap<>();

    RouteReload(CamelContext context, RouteFiles files) {
        this.context = context;
        this.files = files;
        this.model = context.getCamelContextExtension().getContextPlugin(Model.class);
    }

    void reload(Resource resource) {
        String location = resource.getLocation();
        synchronized (files) {
            String text = null;
            try {
                text = textOf(resource);
                Handled last = handled.get(location);
                if (last != null && Objects.equals(last.text(), text) || text != null && text.isBlank()) {
                    return;
                }
                List<RouteDefinition> next = text != null ? parse(resource) : List.of();
                check(location, next);
                apply(location, next);
                handled.values().removeIf(Handled::refused);
                handled.put(location, new Handled(text, false));
            } catch (Exception e) {
                handled.put(location, new Handled(text, true));
                LOG.warn("Routes: {} not reloaded; the routes of before keep running: {}", location, InvalidRoutesException.rootMessage(e));
            }
        }
    }

    /** The routes a file defines, parsed without touching the running ones. */
    private List<RouteDefinition> parse(Resource resource) throws Exception {
        List<RouteDefinition> routes = new ArrayList<>();
        for (RoutesBuilder builder : PluginHelper.getRoutesLoader(context).findRoutesBuilders(resource)) {
            if (!(builder instanceof RouteBuilder routeBuilder)) {
                throw new IllegalArgumentException("it holds route configurations: restart the monitor to load them");
            }
            routes.addAll(routeBuilder.configureRoutes(context).getRoutes());
            if (!routeBuilder.getRouteTemplateCollection().getRouteTemplates().isEmpty()
                    || !routeBuilder.getRestCollection().getRests().isEmpty()) {
                throw new IllegalArgumentException("it holds route templates or REST definitions: restart the monitor to load them");
            }
        }
        return routes;
    }

    private void check(String location, List<RouteDefinition> next) {
        Set<String> ids = new LinkedHashSet<>();
        for (RouteDefinition route : next) {
            String id = route.getRouteId();
            if (id == null) {
                throw new InvalidRoutesException(location, null, "a route without an id cannot be reloaded: give it one (id: ...)");
            }
            if (!ids.add(id)) {
                throw new InvalidRoutesException(location, id, "this route id is defined twice in the file");
            }
            files.userFileIds().forEach((other, otherIds) -> {
                if (!other.equals(location) && otherIds.contains(id)) {
                    throw new InvalidRoutesException(location, id, "this route id is also defined in " + other);
                }
            });
            String from = files.bundledFrom().get(id);
            if (from != null && !from.equals(route.getEndpointUrl())) {
                throw new InvalidRoutesException(location, id, "a bundled route must start from " + from
                        + " (other routes send to it), not " + route.getEndpointUrl());
            }
        }
    }

    private void apply(String location, List<RouteDefinition> next) throws Exception {
        List<String> nextIds = next.stream().map(RouteDefinition::getRouteId).toList();
        List<RouteDefinition> added = new ArrayList<>(next);
        List<String> restored = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (String id : files.userFileIds().getOrDefault(location, List.of())) {
            if (nextIds.contains(id)) {
                continue;
            }
            if (files.bundledSource().containsKey(id)) {
                added.add(bundled(id));
                restored.add(id);
            } else {
                removed.add(id);
            }
        }
        Map<String, RouteDefinition> running = new LinkedHashMap<>();
        added.forEach(route -> running.put(route.getRouteId(), model.getRouteDefinition(route.getRouteId())));
        try {
            model.addRouteDefinitions(added); // each replaces the running route with its id, and starts
        } catch (Exception e) {
            putBack(running);
            throw e;
        }
        for (String id : removed) {
            model.removeRouteDefinition(model.getRouteDefinition(id)); // stops and removes the running route too
        }
        if (nextIds.isEmpty()) {
            files.userFileIds().remove(location);
        } else {
            files.userFileIds().put(location, nextIds);
        }
        LOG.info("Routes: reloaded {}: {} of yours running {}, {} back to bundled {}, {} removed {}", location,
                nextIds.size(), nextIds, restored.size(), restored, removed.size(), removed);
    }

    /** The bundled definition of a route, parsed again from its file. */
    private RouteDefinition bundled(String id) throws Exception {
        return parse(files.bundledSource().get(id)).stream().filter(route -> id.equals(route.getRouteId()))
                .findFirst().orElseThrow(() -> new IllegalStateException("bundled route " + id + " not found"));
    }

    /** After a replacement that did not start: the routes that ran before, again (a new route that had none is gone). */
    private void putBack(Map<String, RouteDefinition> running) throws Exception {
        for (Map.Entry<String, RouteDefinition> route : running.entrySet()) {
            if (route.getValue() == null) {
                RouteDefinition added = model.getRouteDefinition(route.getKey());
                if (added != null) {
                    model.removeRouteDefinition(added);
                }
            } else {
                model.addRouteDefinition(route.getValue());
            }
        }
    }

    /** A file's text, or null once it is gone. */
    private static String textOf(Resource resource) throws IOException {
        if (!resource.exists()) {
            return null;
        }
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private record Handled(String text, boolean refused) {
    }
}
