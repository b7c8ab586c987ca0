package io.dhm.api;

import io.dhm.ack.AckRefused;
import io.dhm.ack.Acknowledgement;
import io.dhm.ack.AlertAcknowledger;
import org.apache.camel.Body;
import org.apache.camel.Header;

import java.sql.SQLException;
import java.util.Map;

/**
 * POST /api/alerts/{id}/ack {"by": "...", "comment": "..."}: the alert's container is acknowledged until it recovers
 * (no repeats; the recovery is still announced). 404 for an unknown alert, 409 when its episode is over.
 */
public class AcknowledgeApi {

    private final AlertAcknowledger acknowledger;

    public AcknowledgeApi(AlertAcknowledger acknowledger) {
        this.acknowledger = acknowledger;
    }

    public Acknowledgement acknowledge(@Header("id") String id, @Body String body,
                                       @Header("Content-Type") String contentType) throws SQLException {
        Map<String, Object> request = ApiRequests.object(body, contentType);
        String by = ApiRequests.text(request, "by", true);
        String comment = ApiRequests.text(request, "comment", false);
        try {
            return acknowledger.acknowledge(id, by, comment);
        } catch (AckRefused refused) {
            throw new ApiException(refused.httpStatus(), refused.field(), refused.getMessage());
        }
    }
}
