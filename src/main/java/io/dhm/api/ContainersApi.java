package io.dhm.api;

import io.dhm.ack.Acknowledgements;
import io.dhm.engine.ContainerView;
import io.dhm.engine.Engine;
import io.dhm.engine.RunningContainer;
import io.dhm.heal.Healer;
import io.dhm.history.History;
import io.dhm.observe.ContainerTracker;
import io.dhm.observe.MonitoringChoice;
import io.dhm.observe.Observer;
import io.dhm.observe.TrackedContainer;
import io.dhm.resource.ResourceSeries;
import io.dhm.resource.ResourceWatch;
import org.apache.camel.Body;
import org.apache.camel.Header;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** /api/containers: every running container (and tracked ones that are gone), one, select, restart, unquarantine. */
public class ContainersApi {

    private final Engine docker;
    private final ContainerTracker tracker;
    private final MonitoringChoice choice;
    private final Observer observer;
    private final Healer healer;
    private final History history;
    private final Duration confirmWait;
    private final ResourceWatch resources;
    private final Acknowledgements acknowledgements;

    public ContainersApi(Engine docker, ContainerTracker tracker, MonitoringChoice choice, Observer observer,
                         Healer healer, History history, Duration confirmWait, ResourceWatch resources,
                         Acknowledgements acknowledgements) {
        this.acknowledgements = acknowledgements;
        this.observer = observer;
        this.resources = resources;
        this.docker = docker;
        this.tracker = tracker;
        this.choice = choice;
        this.healer = healer;
        this.history = history;
        this.confirmWait = confirmWait;
    }

    /** One container: what the API shows and the view the monitor acts on. */
    private record Found(ContainerInfo info, ContainerView view) {
    }

    /** Sorted by engine, project, then name; {@code project} narrows it to one compose project ("standalone" for the rest). */
    public List<ContainerInfo> list(@Header("project") String project) {
        return all().stream().map(Found::info).filter(info -> project == null || project.equals(info.project())).toList();
    }

    private List<Found> all() {
        Map<String, TrackedContainer> tracked = tracker.snapshot().stream()
                .collect(Collectors.toMap(t -> t.container().key(), Function.identity(), (a, b) -> a));
        Set<String> ignored = tracker.ignored();
        Map<String, Found> all = new LinkedHashMap<>();
        for (RunningContainer running : docker.runningWithStatus()) {
            ContainerView view = running.view();
            all.put(view.key(), new Found(info(view, running.statusText(), tracked.remove(view.key()), ignored), view));
        }
        for (TrackedContainer gone : tracked.values()) {
            all.put(gone.container().key(), new Found(info(gone.container(), "gone", gone, ignored), gone.container()));
        }
        return all.values().stream()
                .sorted(Comparator.comparing((Found found) -> found.info().engine())
                        .thenComparing(found -> found.info().project()).thenComparing(found -> found.info().name()))
                .toList();
    }

    public ContainerInfo one(@Header("id") String id) {
        return find(id, null).info();
    }

    /** The container as the monitor sees it, found as {@link #one} finds it. */
    public ContainerView view(String id) {
        return find(id, null).view();
    }

    /** The container's resource time series: every sample of the last hour, minute averages for a day before. */
    public Map<String, Object> resources(@Header("id") String id) {
        Found container = find(id, null);
        ResourceSeries series = resources.series(container.view().key()).orElseGet(ResourceSeries::new);
        return Map.of("container", container.view().name(), "recent", series.recent(), "minutes", series.older());
    }

    /** Body {"container": "name or id", "monitored": false}: takes a container out of monitoring, or back in. */
    public ContainerInfo select(@Body String body, @Header("Content-Type") String contentType) throws SQLException {
        Map<String, Object> request = ApiRequests.object(body, contentType);
        String which = ApiRequests.text(request, "container", true);
        boolean monitored = ApiRequests.flag(request, "monitored");
        Found container = find(which, "container");
        choice.choose(container.view().key(), monitored);
        observer.relist(); // selected again: the next poll sees the state it is in now, e.g. unhealthy
        return find(container.view().key(), null).info();
    }

    public Map<String, Object> restart(@Header("id") String id) {
        Found container = find(id, null);
        if (!docker.restart(container.view().id(), 10)) {
            throw ApiException.notFound("container " + id);
        }
        history.record(History.Kind.HEAL, container.view(), "restarted by the operator (API)", null);
        return Map.of("restarted", container.view().name());
    }

    public Map<String, Object> unquarantine(@Header("id") String id) throws SQLException {
        Found container = find(id, null);
        if (!healer.release(container.view())) {
            throw new ApiException(409, null, container.view().name() + " is not quarantined");
        }
        return Map.of("released", container.view().name());
    }

    /**
     * By full or short id (12+ characters), name, identity (project/service/replica), each led by the engine's name
     * with several engines (web2/api). A bare name that two engines run is refused, naming both.
     */
    private Found find(String id, String field) {
        List<Found> matches = all().stream().filter(found -> {
            ContainerView view = found.view();
            return view.name().equals(id) || view.displayName().equals(id) || view.key().equals(id)
                    || view.id().equals(id) || (id.length() >= 12 && view.id().startsWith(id));
        }).toList();
        if (matches.isEmpty()) {
            throw new ApiException(404, field, "container " + id + " not found");
        }
        if (matches.size() > 1) {
            throw new ApiException(409, field, "container " + id + " runs on several engines: give one of "
                    + String.join(", ", matches.stream().map(found -> found.view().displayName()).toList()));
        }
        return matches.get(0);
    }

    private ContainerInfo info(ContainerView view, String state, TrackedContainer tracked, Set<String> ignored) {
        boolean watched = tracked != null;
        String status = watched ? tracked.status() : "unwatched";
        ResourceWatch.Reading reading = resources.latest().get(view.key());
        return new ContainerInfo(view.id(), view.name(), view.key(), view.engineName(), view.projectLabel(), view.image(),
                state, status,
                watched ? tracked.phase() : null, watched ? tracked.statusSince() : null,
                watched ? tracked.troubleSince() : null,
                watched && "PENDING".equals(tracked.phase()) && tracked.troubleSince() != null
                        ? tracked.troubleSince().plus(confirmWait) : null,
                !ignored.contains(view.key()), healer.quarantined(view),
                watched ? tracked.container().healthOutput() : "",
                reading == null ? null : reading.sample().cpuPercent(),
                reading == null ? null : reading.sample().memoryPercent(),
                watched && "ALERTED".equals(tracked.phase())
                        ? acknowledgements.of(view.key(), tracked.troubleSince()).orElse(null) : null);
    }
}
