package io.dhm.dispatch;

import io.dhm.config.AlertRouting;
import io.dhm.config.EndpointUris;
import io.dhm.config.Settings;
import io.dhm.config.WebhookUrls;
import io.dhm.alert.Alert;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides who receives an alert and through which channels: the routing rules (CONTAINER_ALERT_ROUTING, else
 * HEALTH_CHECK_ALERT_EMAILS) give email addresses, webhook URLs and Camel endpoint URIs; EMAIL_TRANSPORT says whether
 * email goes through SMTP, SES or both; WEBHOOK_URLS and ALERT_ENDPOINTS receive every alert. With no way out
 * configured, alerts go to the outbox folder.
 */
public class AlertRouter {

    private final AlertRouting routing;
    private final boolean smtp;
    private final boolean ses;
    private final List<String> everyAlertUrls;
    private final List<String> everyAlertEndpoints;

    public AlertRouter(Settings settings) {
        this.routing = settings.routing();
        this.smtp = settings.smtpConfigured();
        this.ses = settings.delivery().sesEnabled();
        this.everyAlertUrls = settings.delivery().webhookUrls();
        this.everyAlertEndpoints = settings.delivery().alertEndpoints();
    }

    public Alert route(Alert alert) {
        return alert.withRecipients(routing.recipientsFor(alert.container(), alert.project(), alert.engine()));
    }

    /** One target per channel and address list, URL or endpoint URI; the outbox groups and delivers them. */
    public List<Target> targets(Alert routed) {
        List<String> emails = routed.recipients().stream()
                .filter(r -> !WebhookUrls.looksLikeUrl(r) && !EndpointUris.isEndpoint(r)).toList();
        Set<String> urls = new LinkedHashSet<>();
        routed.recipients().stream().filter(WebhookUrls::looksLikeUrl).forEach(urls::add);
        urls.addAll(everyAlertUrls);
        Set<String> endpoints = new LinkedHashSet<>();
        routed.recipients().stream().filter(EndpointUris::isEndpoint).map(EndpointUris::uri).forEach(endpoints::add);
        endpoints.addAll(everyAlertEndpoints);

        List<Target> targets = new ArrayList<>();
        String addressList = String.join(", ", emails);
        if (!emails.isEmpty() && smtp) {
            targets.add(new Target("smtp", addressList));
        }
        if (!emails.isEmpty() && ses) {
            targets.add(new Target("ses", addressList));
        }
        urls.forEach(url -> targets.add(new Target("webhook", url)));
        endpoints.forEach(uri -> targets.add(new Target("endpoint", uri)));
        if (targets.isEmpty()) {
            targets.add(new Target("folder", addressList));
        }
        return targets;
    }
}
