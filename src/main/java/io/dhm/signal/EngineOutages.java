package io.dhm.signal;

import io.dhm.alert.Alert;
import io.dhm.alert.AlertFactory;
import io.dhm.engine.Engine;
import io.dhm.engine.Outage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Engines that stop answering: one that has not answered for ENGINE_UNREACHABLE_SEC gives one CRITICAL "Engine
 * unreachable" alert, and an INFO notice when it answers again. Its containers are not reported as gone meanwhile
 * (each engine's poll reconciles only its own containers), so this alert stands for all of them. Whether an engine
 * answers is what its last call said (the poll, the event stream's reconnects, any other call).
 */
public class EngineOutages {

    private static final Logger LOG = LoggerFactory.getLogger(EngineOutages.class);

    private final Engine engine;
    private final AlertFactory alerts;
    private final Duration wait;
    private final boolean named;
    private final Clock clock;
    /** The engines alerted as unreachable, with the start of their outage. */
    private final Map<String, Instant> alerted = new ConcurrentHashMap<>();

    /** @param named whether the engines are named (DOCKER_HOSTS); the single engine's alerts name none */
    public EngineOutages(Engine engine, AlertFactory alerts, Duration wait, boolean named, Clock clock) {
        this.engine = engine;
        this.alerts = alerts;
        this.wait = wait;
        this.named = named;
        this.clock = clock;
    }

    /** For the engine-outages route: the alerts of outages that reached the wait, and of engines back after one. */
    public List<Alert> check() {
        List<Alert> due = new ArrayList<>();
        Instant now = clock.instant();
        for (Engine member : engine.members()) {
            Optional<Outage> outage = member.outage();
            String name = named ? member.name() : null;
            if (outage.isPresent() && !alerted.containsKey(member.name()) && !outage.get().since().plus(wait).isAfter(now)) {
                alerted.put(member.name(), outage.get().since());
                LOG.error("Docker engine {} at {} has not answered for {} s ({})", member.name(), member.dockerHost(),
                        Duration.between(outage.get().since(), now).toSeconds(), outage.get().cause());
                due.add(alerts.engineUnreachable(name, member.dockerHost(), outage.get().since(), outage.get().cause()));
            } else if (outage.isEmpty() && alerted.containsKey(member.name())) {
                Instant down = alerted.remove(member.name());
                LOG.info("Docker engine {} at {} answers again", member.name(), member.dockerHost());
                due.add(alerts.engineReachable(name, member.dockerHost(), down));
            }
        }
        return due;
    }
}
