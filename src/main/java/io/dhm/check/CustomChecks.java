package io.dhm.check;

import io.dhm.observe.HealthOverlay;
import io.dhm.config.WatchSettings;
import io.dhm.config.WatchSettings.CheckRule;
import io.dhm.engine.ContainerView;
import io.dhm.engine.Engine;
import io.dhm.engine.EngineUnavailableException;
import io.dhm.engine.Health;
import io.dhm.history.History;
import io.dhm.store.Database;
import io.dhm.store.JsonRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Custom checks for containers without a good HEALTHCHECK. Every container view the monitor reads passes through
 * {@link #apply}, which registers the check the container declares and gives the view the health that check found,
 * so its results flow into the same state machine as Docker's own status: a container with both is unhealthy when
 * either says so. The custom-checks route runs what is {@link #due()} and feeds each change of health back in.
 */
public class CustomChecks implements HealthOverlay {

    private static final Logger LOG = LoggerFactory.getLogger(CustomChecks.class);
    private static final int TIMINGS_KEPT = 1000;

    private final WatchSettings settings;
    private final Map<CheckSpec.Type, Probe> probes;
    private final History history;
    private final Clock clock;
    private final Map<String, CheckState> states = new ConcurrentHashMap<>();
    private final Set<String> rejected = ConcurrentHashMap.newKeySet();
    private final JsonRows<CheckRule> apiRules;
    private final Map<String, CheckRule> added = new ConcurrentHashMap<>();

    /** @param database where the rules added through the API are kept */
    public CustomChecks(WatchSettings settings, Engine docker, History history, Database database, Clock clock) {
        this.settings = settings;
        this.apiRules = new JsonRows<>(database, "dhm_check_rule", CheckRule.class);
        this.probes = Map.of(CheckSpec.Type.HTTP, new HttpProbe(), CheckSpec.Type.TCP, new TcpProbe(),
                CheckSpec.Type.EXEC, new ExecProbe(docker));
        this.history = history;
        this.clock = clock;
    }

    public void open() throws SQLException {
        added.putAll(apiRules.open());
    }

    /** Reads them again (a pair's take-over: the old leader may have changed them). */
    public void reload() throws SQLException {
        var now = apiRules.open();
        added.keySet().retainAll(now.keySet());
        added.putAll(now);
    }

    /** A rule added through the API, as CUSTOM_CHECKS would give it; applies from the next poll. */
    public String addRule(String nameGlob, String check) throws SQLException {
        CheckRule rule = WatchSettings.checkRule("check", nameGlob, check);
        String id = UUID.randomUUID().toString().substring(0, 8);
        apiRules.put(id, rule);
        added.put(id, rule);
        LOG.info("Custom check rule {} added: {}={}", id, nameGlob, check);
        return id;
    }

    /** Removes a rule added through the API; false when there is none with this id. */
    public boolean removeRule(String id) throws SQLException {
        if (added.remove(id) == null) {
            return false;
        }
        apiRules.remove(id);
        LOG.info("Custom check rule {} removed", id);
        return true;
    }

    /** The rules: CUSTOM_CHECKS ones (ids config-1, config-2...), then those added through the API. */
    public Map<String, CheckRule> rules() {
        Map<String, CheckRule> rules = new LinkedHashMap<>();
        for (int i = 0; i < settings.customChecks().size(); i++) {
            rules.put("config-" + (i + 1), settings.customChecks().get(i));
        }
        rules.putAll(added);
        return rules;
    }

    /** A container's check as it stands, for the API and the dashboard. */
    public record CheckStatus(String containerId, String container, String check, String health, String detail,
                              int failures) {
    }

    public List<CheckStatus> statuses() {
        return states.values().stream()
                .map(state -> new CheckStatus(state.container.id(), state.container.name(), state.spec.describe(),
                        state.health.word(), state.detail, state.failures))
                .toList();
    }

    /** The check's state of one container: its results so far and the health they add up to. */
    private static final class CheckState {
        final CheckSpec spec;
        volatile ContainerView container;
        volatile Health health = Health.STARTING;
        volatile String detail = "custom check " + "not run yet";
        volatile int failures;
        volatile Instant nextRun = Instant.MIN;
        volatile boolean running;
        /** Response times of passed and failed HTTP checks, for the latency p95 of the resource signals. */
        final java.util.Deque<ProbeResult> timings = new java.util.ArrayDeque<>();
        final java.util.Deque<Instant> timedAt = new java.util.ArrayDeque<>();

        CheckState(CheckSpec spec, ContainerView container) {
            this.spec = spec;
            this.container = container;
        }
    }

    /** The view with its custom check's health merged in; registers (or forgets) the container's check. */
    @Override
    public ContainerView apply(ContainerView container) {
        Optional<CheckSpec> spec = specOf(container);
        if (spec.isEmpty() || !container.running()) {
            states.remove(container.id());
            return container;
        }
        CheckState state = states.compute(container.id(), (id, known) -> known != null
                && known.spec.identity().equals(spec.get().identity()) ? known : new CheckState(spec.get(), container));
        state.container = container;
        return merged(container, state);
    }

    private Optional<CheckSpec> specOf(ContainerView container) {
        try {
            return CheckSpec.of(container, settings, List.copyOf(rules().values()));
        } catch (RuntimeException e) {
            if (rejected.add(container.id())) {
                LOG.warn("{}: custom check not usable, not checked: {}", container.name(), e.getMessage());
            }
            return Optional.empty();
        }
    }

    private static ContainerView merged(ContainerView container, CheckState state) {
        Health own = container.health();
        if (own != Health.NONE && state.health == Health.STARTING) {
            return container; // no result yet: the HEALTHCHECK alone speaks, a healthy container does not flap to starting
        }
        String custom = state.spec.describe() + ": " + state.detail;
        if (own == Health.NONE || state.health == Health.UNHEALTHY) {
            return container.withHealth(worst(own, state.health), custom);
        }
        return container.withHealth(worst(own, state.health), container.healthOutput());
    }

    private static Health worst(Health own, Health custom) {
        if (own == Health.UNHEALTHY || custom == Health.UNHEALTHY) {
            return Health.UNHEALTHY;
        }
        return own == Health.STARTING || custom == Health.STARTING ? Health.STARTING : Health.HEALTHY;
    }

    /**
     * The 95th percentile of the container's HTTP check response times within {@code window}; empty without an HTTP
     * check or with fewer than 5 timings in the window.
     */
    public Optional<Long> latencyP95(String containerId, Duration window) {
        CheckState state = states.get(containerId);
        if (state == null) {
            return Optional.empty();
        }
        Instant from = clock.instant().minus(window);
        List<Long> millis = new ArrayList<>();
        synchronized (state.timings) {
            java.util.Iterator<Instant> at = state.timedAt.iterator();
            for (ProbeResult timing : state.timings) {
                if (!at.next().isBefore(from)) {
                    millis.add(timing.millis());
                }
            }
        }
        if (millis.size() < 5) {
            return Optional.empty();
        }
        Collections.sort(millis);
        return Optional.of(millis.get((int) Math.ceil(0.95 * millis.size()) - 1));
    }

    /** Forgets the checks of the engine's containers no longer running (a full poll lists all that are). */
    @Override
    public void retain(String engine, Set<String> runningIds) {
        states.values().removeIf(state -> state.container.engineName().equals(engine)
                && !runningIds.contains(state.container.id()));
    }

    /** The containers whose check is due; each is marked as running until {@link #run} has finished it. */
    public List<ContainerView> due() {
        Instant now = clock.instant();
        return states.values().stream()
                .filter(state -> !state.running && !state.nextRun.isAfter(now))
                .peek(state -> {
                    state.running = true;
                    state.nextRun = now.plus(state.spec.interval()); // the interval runs from start to start
                })
                .map(state -> state.container)
                .toList();
    }

    /**
     * Runs the container's check once and records it; returns the container with its new health when that
     * changed (to be observed like any status change), else null.
     */
    public ContainerView run(ContainerView container) {
        CheckState state = states.get(container.id());
        if (state == null) {
            return null;
        }
        try {
            ProbeResult result = probes.get(state.spec.type()).probe(state.spec, state.container);
            history.record(History.Kind.CHECK, state.container, state.spec.describe() + ": "
                    + (result.passed() ? "passed" : "failed") + ", " + result.detail(), result.millis());
            if (state.spec.type() == CheckSpec.Type.HTTP) {
                synchronized (state.timings) {
                    state.timings.addLast(result);
                    state.timedAt.addLast(clock.instant());
                    while (state.timings.size() > TIMINGS_KEPT) {
                        state.timings.removeFirst();
                        state.timedAt.removeFirst();
                    }
                }
            }
            Health before = state.health;
            state.detail = result.detail() + " (" + result.millis() + " ms)";
            state.failures = result.passed() ? 0 : state.failures + 1;
            if (result.passed()) {
                state.health = Health.HEALTHY;
            } else if (state.failures >= state.spec.failures()) {
                state.health = Health.UNHEALTHY;
            }
            if (state.health != before) {
                LOG.info("{} [{}]: custom check {} is now {} ({})", container.displayName(), container.projectLabel(),
                        state.spec.describe(), state.health.word(), state.detail);
                return merged(state.container, state);
            }
            return null;
        } catch (EngineUnavailableException e) {
            return null; // the engine's absence is not the container's failure; the next round tries again
        } finally {
            state.running = false;
        }
    }
}
