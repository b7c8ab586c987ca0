package io.dhm.route;

import io.dhm.ops.BundledRoutesHealthCheck;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.main.DefaultRoutesCollector;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.spi.RoutesLoader;
import org.apache.camel.support.FileWatcherResourceReloadStrategy;
import org.apache.camel.support.PluginHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads the routes: every bundled route (the jar's routes/*.camel.yaml), then the user's *.camel.yaml files from
 * ROUTES_DIR. A user's route replaces the bundled route with the same id and any other route is added, so a user
 * copies only the file they change. Each bundled route must still be there afterwards and start from the same
 * endpoint, since other routes send to it. What comes from where is logged once; a file that does not load, an id
 * two user files define, or a bundled route taken away stops start-up with {@link InvalidRoutesException}; one
 * stopped or removed later makes readiness DOWN ({@link BundledRoutesHealthCheck}). With ROUTES_RELOAD on, a
 * user's file is reloaded by itself when it changes ({@link RouteReload}). The files a user names with Camel Main's
 * {@code camel.main.routesIncludePattern} (less {@code routesExcludePattern}) are the user's too, loaded after
 * ROUTES_DIR by the same rules, since Camel Main's own route collector is off.
 */
public class RouteFiles implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(RouteFiles.class);
    private static final String BUNDLED_DIR = "routes/";
    private static final String ROUTE_SUFFIX = ".camel.yaml";

    /** Camel Main's default pattern, which names no file of the monitor's: only a pattern a user sets is loaded. */
    private static final String CAMEL_DEFAULT_PATTERN = new MainConfigurationProperties().getRoutesIncludePattern();

    private final Path userDir;
    private final boolean reload;
    /** Camel Main's settings, bound from camel.main.* before the routes load. */
    private final MainConfigurationProperties main;
    /** Route id -> the bundled file that defines it, to restore a bundled route a user's file no longer replaces. */
    private final Map<String, Resource> bundledSource = new TreeMap<>();
    /** Route id -> the endpoint its bundled route starts from, which other routes send to. */
    private final Map<String, String> bundledFrom = new TreeMap<>();
    /** A user's file (its location) -> the ids of the routes it defines now. */
    private final Map<String, List<String>> userFileIds = new LinkedHashMap<>();

    public RouteFiles(Path userDir, boolean reload, MainConfigurationProperties main) {
        this.userDir = userDir.toAbsolutePath().normalize();
        this.reload = reload;
        this.main = main;
    }

    /** Only ROUTES_DIR, no pattern of Camel Main's. */
    public RouteFiles(Path userDir, boolean reload) {
        this(userDir, reload, new MainConfigurationProperties());
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
        RoutesLoader loader = PluginHelper.getRoutesLoader(context);
        for (Resource bundled : bundled(context)) {
            for (RouteDefinition route : ModelLoads.load(loader, model, bundled)) {
                bundledFrom.put(route.getRouteId(), route.getEndpointUrl());
                bundledSource.put(route.getRouteId(), bundled);
            }
        }
        Map<String, String> userSource = new LinkedHashMap<>(); // route id -> the user's file that defines it
        List<String> copies = new ArrayList<>();
        for (Resource file : userFiles(context)) {
            if (isBundledCopy(file)) {
                copies.add(file.getLocation()); // run from a checkout, ROUTES_DIR is where the bundled files come from
                continue;
            }
            List<String> ids = new ArrayList<>();
            for (RouteDefinition route : ModelLoads.replacingConfigurations(model, () -> ModelLoads.load(loader, model, file))) {
                String earlier = userSource.putIfAbsent(route.getRouteId(), file.getLocation());
                if (earlier != null) {
                    throw new InvalidRoutesException(file.getLocation(), route.getRouteId(),
                            "this route id is also defined in " + earlier);
                }
                ids.add(route.getRouteId());
            }
            userFileIds.put(file.getLocation(), ids);
        }
        for (Map.Entry<String, String> required : bundledFrom.entrySet()) {
            RouteDefinition now = model.getRouteDefinition(required.getKey());
            String source = userSource.getOrDefault(required.getKey(), "the bundled routes");
            if (now == null || !required.getValue().equals(now.getEndpointUrl())) {
                throw new InvalidRoutesException(source, required.getKey(), "a bundled route must start from "
                        + required.getValue() + " (other routes send to it), not " + (now == null ? "nothing" : now.getEndpointUrl()));
            }
        }
        if (!copies.isEmpty()) {
            LOG.info("Routes: {} file(s) of {} are the bundled files as they ship, and are not loaded twice", copies.size(),
                    userDir);
        }
        report(bundledFrom.keySet(), userSource);
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health != null) {
            // the REST DSL's routes get generated ids; the REST call's own route (api-<call>) is the one that matters
            health.register(new BundledRoutesHealthCheck(bundledFrom.keySet().stream()
                    .filter(id -> model.getRouteDefinition(id).hasCustomIdAssigned()).toList()));
        }
        if (reload) {
            watch(context);
        }
        context.addService(new CliRouteReload(this)); // camel cmd reload
    }

    /** Reloads a user's file whenever it is saved, added or removed (Camel's file watcher on ROUTES_DIR). */
    private void watch(CamelContext context) throws Exception {
        Files.createDirectories(userDir);
        FileWatcherResourceReloadStrategy watcher = new FileWatcherResourceReloadStrategy(userDir.toString());
        watcher.setFileFilter(file -> file.getName().endsWith(".camel.yaml"));
        RouteReload reload = new RouteReload(context, this);
        watcher.setResourceReload((name, resource) -> reload.reload(resource));
        context.addService(watcher);
        LOG.info("Routes: reloading a file of {} when it is saved, added or removed", userDir);
    }

    Path userDir() {
        return userDir;
    }

    Map<String, List<String>> userFileIds() {
        return userFileIds;
    }

    Map<String, String> bundledFrom() {
        return bundledFrom;
    }

    /** Each bundled route's file, by route id (the test kit runs the bundled ones only). */
    public Map<String, Resource> bundledSource() {
        return bundledSource;
    }

    private static void report(Set<String> bundled, Map<String, String> userSource) {
        if (userSource.isEmpty()) {
            LOG.info("Routes: the {} bundled routes", bundled.size());
            return;
        }
        List<String> replaced = new ArrayList<>();
        List<String> added = new ArrayList<>();
        userSource.forEach((id, file) -> (bundled.contains(id) ? replaced : added).add(id + " (" + file + ")"));
        LOG.info("Routes: {} bundled, {} of them replaced by your routes {}, {} added {}", bundled.size(),
                replaced.size(), replaced, added.size(), added);
    }

    /** Whether a user's file is byte for byte the bundled file of its name: a copy nobody has changed. */
    boolean isBundledCopy(Resource file) throws IOException {
        String name = file.getLocation().substring(file.getLocation().lastIndexOf('/') + 1);
        try (InputStream bundled = RouteFiles.class.getClassLoader().getResourceAsStream(BUNDLED_DIR + name);
             InputStream mine = file.getInputStream()) {
            return bundled != null && Arrays.equals(bundled.readAllBytes(), mine.readAllBytes());
        }
    }

    /**
     * The bundled route files, in name order. They are listed from the jar's central directory (or the classes folder
     * of a build), not with Camel's classpath wildcard, whose scan inflates every entry of the 65 MB jar: a second of
     * start-up on a small machine.
     */
    private static List<Resource> bundled(CamelContext context) throws IOException, URISyntaxException {
        Path codeSource = Path.of(RouteFiles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(codeSource)) {
            try (DirectoryStream<Path> yaml = Files.newDirectoryStream(codeSource.resolve(BUNDLED_DIR), "*" + ROUTE_SUFFIX)) {
                yaml.forEach(file -> names.add(BUNDLED_DIR + file.getFileName()));
            }
        } else {
            try (JarFile jar = new JarFile(codeSource.toFile())) {
                jar.stream().map(JarEntry::getName)
                        .filter(name -> name.startsWith(BUNDLED_DIR) && name.endsWith(ROUTE_SUFFIX)
                                && name.indexOf('/', BUNDLED_DIR.length()) < 0)
                        .forEach(names::add);
            }
        }
        Collections.sort(names);
        return names.stream().map(name -> PluginHelper.getResourceLoader(context).resolveResource("classpath:" + name))
                .toList();
    }

    /** The user's files: ROUTES_DIR's in name order, then those of the routes pattern not already among them. */
    List<Resource> userFiles(CamelContext context) throws IOException {
        Map<String, Resource> files = new LinkedHashMap<>();
        if (Files.isDirectory(userDir)) {
            List<Path> names = new ArrayList<>();
            try (DirectoryStream<Path> yaml = Files.newDirectoryStream(userDir, "*" + ROUTE_SUFFIX)) {
                yaml.forEach(names::add);
            }
            Collections.sort(names);
            names.forEach(file -> files.put(file.toAbsolutePath().toString(),
                    PluginHelper.getResourceLoader(context).resolveResource("file:" + file.toAbsolutePath())));
        }
        String pattern = main.getRoutesIncludePattern();
        if (pattern != null && !pattern.equals(CAMEL_DEFAULT_PATTERN)) {
            for (Resource file : new DefaultRoutesCollector().findRouteResourcesFromDirectory(context,
                    main.getRoutesExcludePattern(), pattern)) {
                files.putIfAbsent(samePlace(file), file);
            }
        }
        return List.copyOf(files.values());
    }

    /** A file's place: its absolute path, whether the pattern named it relative to the working directory or not. */
    private static String samePlace(Resource file) {
        String location = file.getLocation();
        return location.startsWith("file:")
                ? Path.of(location.substring("file:".length())).toAbsolutePath().normalize().toString() : location;
    }
}
