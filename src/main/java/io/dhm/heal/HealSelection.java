package io.dhm.heal;

import io.dhm.config.Glob;
import io.dhm.config.HealSettings;
import io.dhm.engine.ContainerView;

import java.util.List;

/**
 * Which containers auto-heal may restart, as docker-autoheal decides it plus allow and deny lists:
 * AUTOHEAL_CONTAINER_LABEL=autoheal selects containers labelled autoheal=true, "all" selects every one; a container
 * labelled autoheal=false (any case) is never touched; then AUTOHEAL_INCLUDE_* narrow and AUTOHEAL_EXCLUDE_* remove.
 */
public class HealSelection {

    static final String OPT_OUT_LABEL = "autoheal";

    private final HealSettings settings;
    private final List<Glob> includeNames;
    private final List<Glob> excludeNames;

    public HealSelection(HealSettings settings) {
        this.settings = settings;
        this.includeNames = settings.includeNames().stream().map(Glob::of).toList();
        this.excludeNames = settings.excludeNames().stream().map(Glob::of).toList();
    }

    public boolean selects(ContainerView container) {
        if (!settings.enabled() || excludes(container)) {
            return false;
        }
        if (!settings.allContainers() && !"true".equalsIgnoreCase(container.label(settings.label()))) {
            return false;
        }
        if (!includeNames.isEmpty() && includeNames.stream().noneMatch(glob -> glob.matches(container.name()))) {
            return false;
        }
        return settings.includeLabels().isEmpty() || settings.includeLabels().stream().anyMatch(rule -> carries(container, rule));
    }

    /**
     * Kept out explicitly: autoheal=false or a deny list. A container restarted only because it shares a restarted
     * one's network needs no autoheal=true of its own, but its opt-out still holds.
     */
    public boolean excludes(ContainerView container) {
        return "false".equalsIgnoreCase(container.label(OPT_OUT_LABEL))
                || excludeNames.stream().anyMatch(glob -> glob.matches(container.name()))
                || settings.excludeLabels().stream().anyMatch(rule -> carries(container, rule));
    }

    /** "key" matches a container that has the label at all, "key=value" one whose value is equal (any case). */
    static boolean carries(ContainerView container, String rule) {
        int equals = rule.indexOf('=');
        if (equals < 0) {
            return container.labels().containsKey(rule);
        }
        String value = container.label(rule.substring(0, equals));
        return value != null && value.equalsIgnoreCase(rule.substring(equals + 1));
    }

}
