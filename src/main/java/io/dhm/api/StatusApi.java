package io.dhm.api;

import io.dhm.cluster.Leadership;
import io.dhm.config.LiveSettings;
import io.dhm.observe.ContainerTracker;
import io.dhm.observe.TrackedContainer;
import io.dhm.engine.Engine;
import io.dhm.engine.EngineUnavailableException;
import io.dhm.engine.Outage;
import io.dhm.heal.HealBook;
import io.dhm.heal.HealRecord;
import io.dhm.dispatch.Silences;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** /api/status: is the monitor connected, and how many containers are watched, unhealthy, pending, quarantined. */
public class StatusApi {

    private final Engine docker;
    private final ContainerTracker tracker;
    private final HealBook healBook;
    private final Silences silences;
    private final LiveSettings live;
    private final ApiAccess access;
    private final Clock clock;
    private final Leadership leadership;
    private final Instant started;

    public StatusApi(Engine docker, ContainerTracker tracker, HealBook healBook, Silences silences,
                     LiveSettings live, ApiAccess access, Leadership leadership, Clock clock) {
        this.leadership = leadership;
        this.docker = docker;
        this.tracker = tracker;
        this.healBook = healBook;
        this.silences = silences;
        this.live = live;
        this.access = access;
        this.clock = clock;
        this.started = clock.instant();
    }

    public Map<String, Object> status() {
        List<TrackedContainer> tracked = tracker.snapshot();
        Instant now = clock.instant();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("server", live.current().serverName());
        status.put("role", leadership.roleName());
        status.put("startedAt", started);
        status.put("docker", Map.of("host", docker.dockerHost(), "reachable", reachable()));
        status.put("engines", engines(tracked));
        status.put("monitored", tracked.stream().filter(t -> !"not_found".equals(t.status())).count());
        status.put("unhealthy", tracked.stream().filter(t -> "unhealthy".equals(t.status())).count());
        status.put("gone", tracked.stream().filter(t -> "not_found".equals(t.status())).count());
        status.put("pending", tracked.stream().filter(t -> "PENDING".equals(t.phase())).count());
        status.put("alerted", tracked.stream().filter(t -> "ALERTED".equals(t.phase())).count());
        status.put("quarantined", healBook.all().values().stream().filter(HealRecord::quarantined).count());
        status.put("silences", silences.all().stream().filter(silence -> silence.active(now)).count());
        status.put("autoheal", live.current().heal().enabled());
        status.put("apiWritable", access.writable());
        return status;
    }

    /**
     * Each engine (one, or those of DOCKER_HOSTS): its name, address, whether its last call was answered (the poll
     * keeps that fresh, so this asks no engine that is down) and how many of its containers are watched.
     */
    private List<Map<String, Object>> engines(List<TrackedContainer> tracked) {
        return docker.members().stream().map(engine -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", engine.name());
            item.put("host", engine.dockerHost());
            Optional<Outage> outage = engine.outage(); // asked once: the answer may change meanwhile
            item.put("reachable", outage.isEmpty());
            outage.ifPresent(down -> {
                item.put("unreachableSince", down.since());
                item.put("cause", down.cause());
            });
            item.put("monitored", tracked.stream().filter(t -> !"not_found".equals(t.status())
                    && t.container().engineName().equals(engine.name())).count());
            return item;
        }).toList();
    }

    private boolean reachable() {
        try {
            docker.ping();
            return true;
        } catch (EngineUnavailableException e) {
            return false;
        }
    }
}
