package io.dhm.api;

import io.dhm.config.Glob;
import io.dhm.dispatch.Silence;
import io.dhm.dispatch.Silences;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.apache.camel.Message;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** /api/silences: mute a container (name glob) or a project until a time, with a reason; alerts are recorded, not sent. */
public class SilencesApi {

    /** The longest silence: a container muted for longer is better deselected (POST /api/containers/select). */
    static final Duration LONGEST = Duration.ofDays(366);

    private final Silences silences;
    private final Clock clock;

    public SilencesApi(Silences silences, Clock clock) {
        this.silences = silences;
        this.clock = clock;
    }

    public List<Silence> list() {
        return silences.all();
    }

    /** Body {"container": "web-*", "project": "shop", "until": "2026-01-31T18:00:00Z", "reason": "..."}: 201. */
    public Silence add(@Body String body, @Header("Content-Type") String contentType, Message reply) throws SQLException {
        Map<String, Object> request = ApiRequests.object(body, contentType);
        String container = ApiRequests.text(request, "container", false);
        String project = ApiRequests.text(request, "project", false);
        if (container == null && project == null) {
            throw ApiException.badRequest("container", "give a container (name or glob) or a project, or both");
        }
        if (container != null) {
            try {
                Glob.of(container); // a glob longer than its limit
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("container", e.getMessage());
            }
        }
        Instant until = ApiRequests.instant(request, "until");
        Instant now = clock.instant();
        if (!until.isAfter(now)) {
            throw ApiException.badRequest("until", "until must be in the future");
        }
        if (until.isAfter(now.plus(LONGEST))) {
            throw ApiException.badRequest("until", "a silence lasts at most " + LONGEST.toDays()
                    + " days: renew it then, rather than forgetting a container for good");
        }
        String reason = ApiRequests.text(request, "reason", true);
        Silence silence = new Silence(UUID.randomUUID().toString().substring(0, 8), container, project, until, reason, now);
        silences.add(silence);
        reply.setHeader("CamelHttpResponseCode", 201);
        return silence;
    }

    public Map<String, Object> remove(@Header("id") String id) throws SQLException {
        if (!silences.remove(id)) {
            throw ApiException.notFound("silence " + id);
        }
        return Map.of("removed", id);
    }
}
