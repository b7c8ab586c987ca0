package io.dhm.deliver;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LaneHealthTest {

    private static final Outbox.Lane SMTP = new Outbox.Lane("smtp", "ops@example.com");
    private static final Outbox.Lane HOOK = new Outbox.Lane("webhook", "https://hooks.example.com/T0K3N");
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void aLaneCountsItsFailuresInARowUntilOneSendGoesThrough() {
        LaneHealth lanes = new LaneHealth();
        lanes.record(SMTP, DeliveryResult.retry("connection refused"), T0);
        lanes.record(SMTP, DeliveryResult.retry("connection refused"), T0.plusSeconds(5));
        assertTrue(lanes.failing(3).isEmpty(), "two failures are not yet three");

        lanes.record(SMTP, DeliveryResult.failed("550 mailbox unavailable"), T0.plusSeconds(15));
        List<LaneHealth.Failing> failing = lanes.failing(3);
        assertEquals(1, failing.size());
        assertEquals(new LaneHealth.Failing("smtp", "ops@example.com", 3, T0, "550 mailbox unavailable"), failing.get(0));

        lanes.record(SMTP, DeliveryResult.delivered("250 OK"), T0.plusSeconds(35));
        assertTrue(lanes.failing(1).isEmpty(), "a delivery clears the lane");
    }

    @Test
    void lanesAreCountedApartAndTheLongestFailingComesFirst() {
        LaneHealth lanes = new LaneHealth();
        lanes.record(HOOK, DeliveryResult.retry("503"), T0.plusSeconds(1));
        lanes.record(SMTP, DeliveryResult.retry("timeout"), T0);
        lanes.record(SMTP, DeliveryResult.delivered("ok"), T0.plusSeconds(2));
        lanes.record(SMTP, DeliveryResult.retry("timeout"), T0.plusSeconds(3));

        assertEquals(List.of("webhook", "smtp"), lanes.failing(1).stream().map(LaneHealth.Failing::channel).toList());
        assertEquals(1, lanes.failing(1).get(1).failures(), "the delivery in between started the smtp count over");
    }
}
