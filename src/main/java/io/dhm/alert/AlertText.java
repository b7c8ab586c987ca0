package io.dhm.alert;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The plain-text subject and body of a message, rendered from Mustache templates: the ones in TEMPLATES_DIR
 * (default ./templates) when present, else the copies inside the jar. One alert uses alert-subject / alert-body (the
 * classic email); a group uses group-subject / group-body, which lists the alerts and then each one in full.
 */
public class AlertText {

    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

    /** Plain text: nothing is HTML-escaped. */
    private static final class PlainTextFactory extends DefaultMustacheFactory {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final Mustache alertSubject;
    private final Mustache alertBody;
    private final Mustache groupSubject;
    private final Mustache groupBody;

    public AlertText(Path templatesDir) {
        MustacheFactory factory = new PlainTextFactory();
        alertSubject = compile(factory, templatesDir, "alert-subject.mustache");
        alertBody = compile(factory, templatesDir, "alert-body.mustache");
        groupSubject = compile(factory, templatesDir, "group-subject.mustache");
        groupBody = compile(factory, templatesDir, "group-body.mustache");
    }

    private static Mustache compile(MustacheFactory factory, Path dir, String name) {
        Path override = dir.resolve(name);
        try (Reader template = Files.isRegularFile(override)
                ? Files.newBufferedReader(override, StandardCharsets.UTF_8)
                : new StringReader(bundled(name))) {
            return factory.compile(template, name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + override, e);
        }
    }

    private static String bundled(String name) throws IOException {
        try (var in = AlertText.class.getClassLoader().getResourceAsStream("templates/" + name)) {
            if (in == null) {
                throw new IOException("template " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    public String subject(Alert alert) {
        return render(alertSubject, view(alert)).strip();
    }

    public String body(Alert alert) {
        return render(alertBody, view(alert));
    }

    public String subject(List<Alert> alerts) {
        return alerts.size() == 1 ? subject(alerts.get(0)) : render(groupSubject, groupView(alerts)).strip();
    }

    public String body(List<Alert> alerts) {
        return alerts.size() == 1 ? body(alerts.get(0)) : render(groupBody, groupView(alerts));
    }

    private Map<String, Object> groupView(List<Alert> alerts) {
        Map<String, Object> view = new HashMap<>();
        view.put("count", alerts.size());
        view.put("server", alerts.get(0).server());
        view.put("severity", alerts.stream().map(Alert::severity).min(Comparator.naturalOrder()).orElseThrow());
        view.put("alerts", alerts.stream().map(AlertText::view).toList());
        view.put("bodies", alerts.stream().map(this::body).toList());
        return view;
    }

    private static Map<String, Object> view(Alert alert) {
        Map<String, Object> view = new HashMap<>();
        view.put("id", alert.id());
        view.put("severity", alert.severity());
        view.put("critical", alert.severity() == Severity.CRITICAL);
        view.put("error", alert.severity() == Severity.ERROR);
        view.put("warning", alert.severity() == Severity.WARNING);
        view.put("info", alert.severity() == Severity.INFO);
        view.put("server", alert.server());
        view.put("project", alert.projectLabel());
        view.put("container", alert.container());
        view.put("containerId", alert.containerId() == null || alert.containerId().length() < 12
                ? String.valueOf(alert.containerId()) : alert.containerId().substring(0, 12));
        view.put("image", alert.image());
        view.put("from", alert.fromStatus());
        view.put("to", alert.toStatus());
        view.put("headline", alert.headline());
        view.put("time", TIME.format(alert.time()));
        view.put("details", alert.details());
        view.put("healthOutput", alert.healthOutput().isEmpty() ? null : alert.healthOutput());
        view.put("logs", alert.logs().isEmpty() ? null : alert.logs());
        return view;
    }

    private static String render(Mustache template, Map<String, Object> view) {
        StringWriter out = new StringWriter();
        template.execute(out, view);
        return out.toString();
    }
}
