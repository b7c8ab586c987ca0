package io.dhm.api;

import io.dhm.check.CustomChecks;
import io.dhm.config.InvalidSettingException;
import io.dhm.config.WatchSettings.CheckRule;
import io.dhm.observe.Observer;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.apache.camel.Message;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** /api/checks: the custom check rules (CUSTOM_CHECKS and those added here) and each checked container's state. */
public class ChecksApi {

    private final CustomChecks checks;
    private final Observer observer;

    public ChecksApi(CustomChecks checks, Observer observer) {
        this.checks = checks;
        this.observer = observer;
    }

    /** One rule with its id; "config" rules come from CUSTOM_CHECKS and cannot be deleted here. */
    public record RuleInfo(String id, String container, String check, String source) {
    }

    public record ChecksInfo(List<RuleInfo> rules, List<CustomChecks.CheckStatus> containers) {
    }

    public ChecksInfo list() {
        List<RuleInfo> rules = checks.rules().entrySet().stream()
                .map(rule -> info(rule.getKey(), rule.getValue()))
                .toList();
        return new ChecksInfo(rules, checks.statuses());
    }

    /** Body {"container": "legacy-*", "check": "http://127.0.0.1:8080/health"}: 201 with the rule's id. */
    public RuleInfo add(@Body String body, @Header("Content-Type") String contentType, Message reply) throws SQLException {
        Map<String, Object> request = ApiRequests.object(body, contentType);
        String container = ApiRequests.text(request, "container", true);
        String check = ApiRequests.text(request, "check", true);
        String id;
        try {
            id = checks.addRule(container, check);
        } catch (InvalidSettingException e) {
            throw ApiException.badRequest("check", "check must be http://..., https://..., tcp://host:port or exec:command");
        }
        observer.relist(); // the next poll finds the containers the rule names
        reply.setHeader("CamelHttpResponseCode", 201);
        return info(id, new CheckRule(container, check));
    }

    public Map<String, Object> remove(@Header("id") String id) throws SQLException {
        if (id.startsWith("config-") && checks.rules().containsKey(id)) {
            throw new ApiException(409, null, id + " comes from CUSTOM_CHECKS; change it there");
        }
        if (!checks.removeRule(id)) {
            throw ApiException.notFound("check rule " + id);
        }
        observer.relist(); // the engine's own health applies again from the next poll
        return Map.of("removed", id);
    }

    private static RuleInfo info(String id, CheckRule rule) {
        return new RuleInfo(id, rule.nameGlob(), rule.check(), id.startsWith("config-") ? "config" : "api");
    }
}
