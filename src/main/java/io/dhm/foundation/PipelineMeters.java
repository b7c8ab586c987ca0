package io.dhm.foundation;

import io.dhm.alert.Alert;
import io.dhm.engine.ContainerView;
import io.dhm.observe.Transition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Locale;

/**
 * The counts the stages' routes add to the monitor's metrics (bean {@code monitorMetrics}): decide's transitions and
 * auto-heal's restarts and quarantines. The rest of the dhm_* metrics are read off the stages by ops' MonitorMetrics,
 * in the same registry.
 */
public class PipelineMeters {

    private final MeterRegistry registry;

    public PipelineMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** dhm_transitions_total{engine,change}: called by the decide route for every transition it is given. */
    public void transition(Transition transition) {
        Counter.builder("dhm.transitions")
                .description("Status transitions of monitored containers, by engine and what they mean (change)")
                .tag("engine", transition.container().engineName())
                .tag("change", transition.change().name().toLowerCase(Locale.ROOT))
                .register(registry).increment();
    }

    /**
     * dhm_restarts_total{engine,project} and dhm_quarantines_total{engine,project}: called by the auto-heal route with
     * its alert.
     */
    public void healed(Alert alert) {
        String name = switch (alert.toStatus()) {
            case "restarted" -> "dhm.restarts";
            case "quarantined" -> "dhm.quarantines";
            default -> null;
        };
        if (name != null) {
            Counter.builder(name)
                    .description("Containers auto-heal " + alert.toStatus() + ", by engine and compose project")
                    .tag("engine", engineOf(alert))
                    .tag("project", alert.projectLabel())
                    .register(registry).increment();
        }
    }

    /** The alert's engine as the metrics name it: one of DOCKER_HOSTS, or "local" for the single engine. */
    public static String engineOf(Alert alert) {
        return alert.engine() == null ? ContainerView.SINGLE_ENGINE : alert.engine();
    }
}
