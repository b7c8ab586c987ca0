package io.dhm.store;

import io.dhm.ack.Acknowledgement;
import io.dhm.alert.Alert;
import io.dhm.alert.Severity;
import io.dhm.config.WatchSettings;
import io.dhm.decide.AlertMemory;
import io.dhm.deliver.Outbox;
import io.dhm.dispatch.Target;
import io.dhm.engine.ContainerView;
import io.dhm.engine.Health;
import io.dhm.heal.HealBook;
import io.dhm.heal.HealRecord;
import io.dhm.dispatch.Silence;
import io.dhm.history.History;
import io.dhm.observe.Change;
import io.dhm.observe.Transition;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.processor.aggregate.jdbc.JdbcAggregationRepository;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceHelper;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A database as the last release before versioned migrations left it: its schema made by the statements its stores ran
 * (schema-before-migrations.sql), and a row or more in every table, written by the stores' own writers, which are
 * unchanged since. For the tests that migrate such a database, on H2 and on PostgreSQL.
 */
public final class ReleaseDatabase {

    /** Every table of that release. */
    public static final List<String> TABLES = List.of("dhm_history", "dhm_check_rule", "dhm_deselected",
            "dhm_confirmations", "dhm_confirmations_completed", "dhm_alerted", "dhm_ack", "dhm_silence", "dhm_alert",
            "dhm_delivery", "dhm_heal");

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    /** The container the rows are about. */
    public static final ContainerView WEB = new ContainerView("id-web-1", "shop-web-1", "nginx:1", "shop", "web", "1",
            true, Health.UNHEALTHY, "");

    private ReleaseDatabase() {
    }

    /** Makes the release's schema in {@code database} and writes rows into each of its tables. */
    public static void create(Database database) throws Exception {
        try (Connection db = database.connect(); Statement sql = db.createStatement()) {
            for (String statement : releaseStatements()) {
                sql.execute(statement);
            }
        }
        fill(database);
    }

    private static List<String> releaseStatements() throws IOException {
        try (InputStream file = ReleaseDatabase.class.getResourceAsStream("schema-before-migrations.sql")) {
            String text = new String(file.readAllBytes(), StandardCharsets.UTF_8);
            return text.lines().filter(line -> !line.startsWith("--") && !line.isBlank())
                    .map(line -> line.replaceFirst(";$", "")).toList();
        }
    }

    private static void fill(Database database) throws Exception {
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        History history = new History(database, Duration.ofHours(168), clock);
        history.record(History.Kind.TRANSITION, WEB, "healthy → unhealthy", null);
        history.record(History.Kind.CHECK, WEB, "http http://web/health: failed, HTTP 500", 42L);

        Transition unhealthy = new Transition(WEB, "healthy", "unhealthy", Change.UNHEALTHY, T0, T0, "healthy",
                "unhealthy");
        new AlertMemory(database).remember(unhealthy);

        Outbox outbox = new Outbox(database);
        outbox.enqueue(alert("alert-1"), List.of(new Target("smtp", "ops@example.com"),
                new Target("webhook", "https://hooks.example.com/T000/B000/secret")), T0, Duration.ZERO, null);
        outbox.silenced(alert("alert-2"), List.of(new Target("smtp", "ops@example.com")), T0, "silence s-1");
        outbox.delivered(outbox.due(new Outbox.Lane("smtp", "ops@example.com"), T0), T0);

        new JsonRows<>(database, "dhm_ack", Acknowledgement.class).put(WEB.key(), new Acknowledgement(WEB.key(),
                WEB.displayName(), "alert-1", "alice", "on it", T0, T0));
        new JsonRows<>(database, "dhm_silence", Silence.class).put("s-1", new Silence("s-1", "shop-web-*", null,
                T0.plus(Duration.ofHours(2)), "deploy", T0));
        new JsonRows<>(database, "dhm_check_rule", WatchSettings.CheckRule.class).put("rule-1",
                new WatchSettings.CheckRule("shop-web-*", "http://{{host}}/health"));
        new JsonRows<>(database, "dhm_deselected", String.class).put("shop/batch/1", "shop-batch-1");
        new HealBook(database).put(WEB.key(), new HealRecord(WEB.id(), List.of(T0), T0, Duration.ofSeconds(10), null, null));
        waits(database);
    }

    /** One pending wait (dhm_confirmations) and one ended, its alert not yet dispatched (dhm_confirmations_completed). */
    private static void waits(Database database) throws Exception {
        CamelContext context = new DefaultCamelContext();
        JdbcAggregationRepository waits = new JdbcAggregationRepository(
                new DataSourceTransactionManager(database.dataSource()), "dhm_confirmations", database.dataSource());
        waits.setUseRecovery(true);
        ServiceHelper.startService(waits);
        try {
            waits.add(context, "shop/web/1", wait(context, "unhealthy"));
            waits.add(context, "shop/db/1", wait(context, "not_found"));
            Exchange ended = waits.get(context, "shop/db/1");
            ended.setProperty(Exchange.AGGREGATED_CORRELATION_KEY, "shop/db/1");
            waits.remove(context, "shop/db/1", ended);
        } finally {
            ServiceHelper.stopService(waits);
        }
    }

    private static Exchange wait(CamelContext context, String body) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(body);
        return exchange;
    }

    private static Alert alert(String id) {
        return new Alert(id, Severity.CRITICAL, "Container unhealthy", "shop", WEB.displayName(), WEB.id(), WEB.image(),
                "healthy", "unhealthy", ZonedDateTime.ofInstant(T0, ZoneOffset.UTC), "HTTP 500", "", "",
                List.of("ops@example.com"));
    }

    /** Every row of every table of the release, each as its columns' values, in key order: what must be kept. */
    public static Map<String, List<List<String>>> rows(Database database) throws SQLException {
        Map<String, List<List<String>>> tables = new LinkedHashMap<>();
        try (Connection db = database.connect(); Statement sql = db.createStatement()) {
            for (String table : TABLES) {
                List<List<String>> rows = new ArrayList<>();
                try (ResultSet result = sql.executeQuery("SELECT * FROM " + table + " ORDER BY 1")) {
                    ResultSetMetaData columns = result.getMetaData();
                    while (result.next()) {
                        List<String> row = new ArrayList<>();
                        for (int column = 1; column <= columns.getColumnCount(); column++) {
                            Object value = result.getObject(column);
                            row.add(columns.getColumnLabel(column).toLowerCase() + "=" + (value instanceof byte[] bytes
                                    ? HexFormat.of().formatHex(bytes) : String.valueOf(value)));
                        }
                        rows.add(row);
                    }
                }
                tables.put(table, rows);
            }
        }
        return tables;
    }
}
