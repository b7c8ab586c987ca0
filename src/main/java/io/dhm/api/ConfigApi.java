package io.dhm.api;

import io.dhm.config.InvalidSettingException;
import io.dhm.config.LiveSettings;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.apache.camel.Message;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * /api/config: the settings by variable name, secrets masked; PUT changes live ones (AUTOHEAL_*, ALERT_COOLDOWN_SEC),
 * export gives the same document as a file, import applies an exported document.
 */
public class ConfigApi {

    private final LiveSettings live;

    public ConfigApi(LiveSettings live) {
        this.live = live;
    }

    public Map<String, Object> get() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("settings", live.view());
        config.put("live", live.view().keySet().stream().filter(LiveSettings::live).toList());
        return config;
    }

    public Map<String, String> export(Message reply) {
        reply.setHeader("Content-Disposition", "attachment; filename=\"docker-health-monitor-config.json\"");
        return live.view();
    }

    /** Body {"AUTOHEAL_ENABLED": "true", ...}: applied at once, or 400 naming the first variable that cannot be. */
    public LiveSettings.Outcome update(@Body String body, @Header("Content-Type") String contentType) {
        return change(body, contentType, true);
    }

    /** An exported document: live variables applied, the others reported as needing a restart. */
    public LiveSettings.Outcome importConfig(@Body String body, @Header("Content-Type") String contentType) {
        return change(body, contentType, false);
    }

    private LiveSettings.Outcome change(String body, String contentType, boolean strict) {
        Map<String, Object> request = ApiRequests.object(body, contentType);
        Map<String, String> changes = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : request.entrySet()) {
            Object value = entry.getValue();
            if (value != null && !(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                throw ApiException.badRequest(entry.getKey(), entry.getKey() + " must be a string, number or boolean");
            }
            changes.put(entry.getKey(), value == null ? "" : value.toString());
        }
        try {
            return live.change(changes, strict);
        } catch (InvalidSettingException e) {
            String variable = e.getMessage().substring(0, e.getMessage().indexOf(':'));
            throw ApiException.badRequest(variable, e.getMessage());
        }
    }
}
