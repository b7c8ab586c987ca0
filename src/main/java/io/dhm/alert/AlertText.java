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
 * The subject and body of a message, rendered from Mustache templates: the ones in TEMPLATES_DIR (default
 * ./templates) when present, else the copies inside the jar. One alert uses alert-subject / alert-body (the classic
 * email); a group uses group-subject / group-body, which lists the alerts and then each one in full. The HTML part of
 * an email comes from alert-body-html / group-body-html, HTML-escaped, inside a page this class adds.
 */
public class AlertText {

    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");
    /** A timeline row's time: the alert's header gives the date and zone. */
    private static final DateTimeFormatter ROW_TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final String PAGE_START = "<!DOCTYPE html>\n<html><head><meta charset=\"UTF-8\"></head>"
            + "<body style=\"font-family: -apple-system, Segoe UI, Helvetica, Arial, sans-serif; font-size: 14px; color: #222;\">\n";
    private static final String PAGE_END = "</body></html>\n";

    /**
     * Plain text: nothing is HTML-escaped, but no value (an operator's own template's too) brings a control character
     * of a container's into the text; the view keeps the values that must stay on one line on one line.
     */
    private static final class PlainTextFactory extends DefaultMustacheFactory {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(Inert.lines(value));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final Mustache alertSubject;
    private final Mustache alertBody;
    private final Mustache groupSubject;
    private final Mustache groupBody;
    private final Mustache alertHtml;
    private final Mustache groupHtml;
    private final AckLinks ackLinks;

    /** Text without acknowledge links. */
    public AlertText(Path templatesDir) {
        this(templatesDir, AckLinks.none());
    }

    public AlertText(Path templatesDir, AckLinks ackLinks) {
        this.ackLinks = ackLinks;
        MustacheFactory factory = new PlainTextFactory();
        alertSubject = compile(factory, templatesDir, "alert-subject.mustache");
        alertBody = compile(factory, templatesDir, "alert-body.mustache");
        groupSubject = compile(factory, templatesDir, "group-subject.mustache");
        groupBody = compile(factory, templatesDir, "group-body.mustache");
        MustacheFactory html = new DefaultMustacheFactory(); // escapes every {{value}}
        alertHtml = compile(html, templatesDir, "alert-body-html.mustache");
        groupHtml = compile(html, templatesDir, "group-body-html.mustache");
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

    /** The HTML part of the email of one alert or a group: the same content, with the timeline as a table. */
    public String html(List<Alert> alerts) {
        String fragment = alerts.size() == 1 ? render(alertHtml, view(alerts.get(0))) : render(groupHtml, htmlGroupView(alerts));
        return PAGE_START + fragment + PAGE_END;
    }

    private Map<String, Object> htmlGroupView(List<Alert> alerts) {
        Map<String, Object> view = groupView(alerts);
        view.put("htmlParts", alerts.stream().map(alert -> render(alertHtml, view(alert))).toList());
        return view;
    }

    private Map<String, Object> groupView(List<Alert> alerts) {
        Map<String, Object> view = new HashMap<>();
        view.put("count", alerts.size());
        view.put("server", alerts.get(0).server());
        view.put("severity", alerts.stream().map(Alert::severity).min(Comparator.naturalOrder()).orElseThrow());
        view.put("alerts", alerts.stream().map(this::view).toList());
        view.put("bodies", alerts.stream().map(this::body).toList());
        return view;
    }

    private Map<String, Object> view(Alert alert) {
        Map<String, Object> view = new HashMap<>();
        view.put("id", alert.id());
        view.put("severity", alert.severity());
        view.put("critical", alert.severity() == Severity.CRITICAL);
        view.put("error", alert.severity() == Severity.ERROR);
        view.put("warning", alert.severity() == Severity.WARNING);
        view.put("info", alert.severity() == Severity.INFO);
        // what must stay on one line, stays on one line: a line break of a container's never starts a line of ours
        view.put("server", Inert.line(alert.server()));
        view.put("project", Inert.line(alert.projectLabel()));
        view.put("container", Inert.line(alert.container()));
        // the same, as words of the suggested shell commands: quoted when the shell would read more into them
        view.put("projectArg", Inert.shellWord(alert.projectLabel()));
        view.put("containerArg", Inert.shellWord(alert.container()));
        view.put("engine", Inert.line(alert.engine()));
        view.put("containerId", alert.containerId() == null || alert.containerId().length() < 12
                ? String.valueOf(alert.containerId()) : alert.containerId().substring(0, 12));
        view.put("image", Inert.line(alert.image()));
        view.put("from", Inert.line(alert.fromStatus()));
        view.put("to", Inert.line(alert.toStatus()));
        view.put("headline", Inert.line(alert.headline()));
        view.put("time", TIME.format(alert.time()));
        view.put("details", alert.details());
        view.put("healthOutput", alert.healthOutput().isEmpty() ? null : alert.healthOutput());
        view.put("logs", alert.logs().isEmpty() ? null : alert.logs());
        view.put("ackUrl", ackLinks.url(alert));
        view.put("hasTimeline", !alert.timeline().isEmpty());
        view.put("timeline", alert.timeline().stream().map(row -> timelineRow(row, alert)).toList());
        return view;
    }

    private static Map<String, Object> timelineRow(Evidence row, Alert alert) {
        Map<String, Object> view = new HashMap<>();
        view.put("time", alert.time() == null ? row.at().toString() : ROW_TIME.format(row.at().atZone(alert.time().getZone())));
        view.put("kind", row.kind());
        view.put("kindColumn", String.format("%-8s", row.kind()));
        view.put("summary", Inert.line(row.summary()));
        view.put("detail", row.detail().isEmpty() ? null : row.detail());
        view.put("detailLines", row.detail().lines().toList());
        return view;
    }

    private static String render(Mustache template, Map<String, Object> view) {
        StringWriter out = new StringWriter();
        template.execute(out, view);
        return out.toString();
    }
}
