package io.dhm.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CONTAINER_ALERT_ROUTING as the classic .env writes it: {@code pattern1:email1,email2;pattern2:email3}. A pattern matches when it
 * occurs in the container name or the compose project (case-insensitive, {@code *} and {@code ?} are wildcards);
 * the first matching rule wins and no match means the default recipients. A recipient may also be a webhook URL
 * ({@code shop:ops@example.com,https://hooks.example/x}) or a Camel endpoint ({@code shop:camel:direct:shop-alerts}).
 */
public final class AlertRouting {

    /** A rule; its pattern is lower case. */
    public record Rule(Glob pattern, List<String> recipients) {

        boolean matches(String text) {
            // a part of the name or project matches (not the whole), whatever the case
            return text != null && pattern.occursIn(text.toLowerCase(Locale.ROOT));
        }
    }

    private final List<Rule> rules;
    private final List<String> defaults;

    private AlertRouting(List<Rule> rules, List<String> defaults) {
        this.rules = List.copyOf(rules);
        this.defaults = List.copyOf(defaults);
    }

    /** Parses the routing text; every problem names {@code variable} and the offending rule. */
    public static AlertRouting parse(String variable, String text, List<String> defaults) {
        List<Rule> rules = new ArrayList<>();
        if (text != null) {
            for (String raw : text.split(";")) {
                String rule = raw.trim();
                if (rule.isEmpty()) {
                    continue;
                }
                int colon = rule.indexOf(':');
                if (WebhookUrls.looksLikeUrl(rule)) {
                    colon = -1; // a bare URL: its "https:" is not a pattern
                }
                if (colon <= 0) {
                    throw new InvalidSettingException(variable,
                            "rule '" + rule + "' is not 'pattern:email[,email...]' (expected e.g. shop:ops@example.com)");
                }
                String pattern = rule.substring(0, colon).trim();
                List<String> recipients = recipients(variable, rule.substring(colon + 1));
                if (recipients.isEmpty()) {
                    throw new InvalidSettingException(variable, "rule '" + rule + "' has no email address");
                }
                rules.add(new Rule(Glob.checked(variable, pattern.toLowerCase(Locale.ROOT)), recipients));
            }
        }
        return new AlertRouting(rules, defaults);
    }

    private static List<String> recipients(String variable, String text) {
        List<String> recipients = new ArrayList<>();
        for (String raw : text.split(",")) {
            String recipient = raw.trim();
            if (!recipient.isEmpty()) {
                if (EndpointUris.isEndpoint(recipient)) {
                    recipients.add(EndpointUris.PREFIX + EndpointUris.parse(variable, recipient));
                } else {
                    recipients.add(WebhookUrls.looksLikeUrl(recipient)
                            ? WebhookUrls.parse(variable, recipient)
                            : EmailAddresses.parse(variable, recipient));
                }
            }
        }
        return recipients;
    }

    public List<String> recipientsFor(String containerName, String project) {
        return recipientsFor(containerName, project, null);
    }

    /**
     * With several engines (DOCKER_HOSTS) a pattern also matches {@code engine/container}, so a rule can route by
     * engine: {@code web2/:ops-web2@example.com}.
     */
    public List<String> recipientsFor(String containerName, String project, String engine) {
        for (Rule rule : rules) {
            if (rule.matches(containerName) || rule.matches(project)
                    || (engine != null && rule.matches(engine + "/" + containerName))) {
                return rule.recipients();
            }
        }
        return defaults;
    }

    /** The Camel endpoint URIs the rules name, for the check at start-up. */
    public List<String> endpointUris() {
        return rules.stream().flatMap(rule -> rule.recipients().stream())
                .filter(EndpointUris::isEndpoint).map(EndpointUris::uri).distinct().toList();
    }

    public List<Rule> rules() {
        return rules;
    }

    public List<String> defaults() {
        return defaults;
    }
}
