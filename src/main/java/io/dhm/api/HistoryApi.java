package io.dhm.api;

import io.dhm.alert.Severity;
import io.dhm.deliver.AlertRecord;
import io.dhm.deliver.AlertRecords;
import io.dhm.history.History;
import org.apache.camel.Header;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** /api/events (the history: checks, transitions, heal actions, signals, acknowledgements) and /api/alerts (with each copy's fate). */
public class HistoryApi {

    private final History history;
    private final AlertRecords alertRecords;

    public HistoryApi(History history, AlertRecords alertRecords) {
        this.history = history;
        this.alertRecords = alertRecords;
    }

    public List<History.Entry> events(@Header("limit") String limit, @Header("container") String container,
                                      @Header("kind") String kind) throws SQLException {
        return history.recent(container, kind == null ? null : kind(kind), ApiRequests.limit(limit));
    }

    public List<AlertRecord> alerts(@Header("limit") String limit, @Header("severity") String severity,
                                    @Header("container") String container) throws SQLException {
        if (severity != null && Arrays.stream(Severity.values()).noneMatch(known -> known.name().equalsIgnoreCase(severity))) {
            throw ApiException.badRequest("severity", "severity must be CRITICAL, ERROR, WARNING or INFO");
        }
        return alertRecords.recent(ApiRequests.limit(limit), severity, container);
    }

    private static History.Kind kind(String kind) {
        try {
            return History.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("kind", "kind must be one of " + Arrays.stream(History.Kind.values())
                    .map(known -> known.name().toLowerCase(Locale.ROOT)).toList());
        }
    }
}
