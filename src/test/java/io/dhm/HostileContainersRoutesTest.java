package io.dhm;

import io.dhm.api.HistoryApi;
import io.dhm.deliver.AlertRecord;
import io.dhm.engine.ContainerView;
import io.dhm.engine.Health;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.dhm.engine.FakeEngine.id;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Container data is untrusted: random names, Compose labels, other labels and health output, of any length and any
 * characters (controls, lone surrogates, markup), go through observe -> decide -> confirm -> dispatch -> deliver ->
 * channel-smtp, and every one of them is stored once and mailed once. No content or length of a container's may stop
 * its alert.
 */
class HostileContainersRoutesTest extends RouteTestSupport {

    private static final int CONTAINERS = 30;

    @Override
    protected Map<String, String> settings() {
        return Map.of("WAIT_AND_CHECK_AGAIN_MIN", "0.01", "ALERT_GROUP_WAIT_SEC", "0",
                "HEALTH_CHECK_ALERT_EMAILS", "ops@example.com");
    }

    /** Text a container's owner could write: every character, short or far longer than any column. */
    private static Arbitrary<String> text(int maxLength) {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(maxLength),
                Arbitraries.strings().withChars("<>&\"'`$;|\\{}%\r\n\u001b\u202e*_@!#").ofMaxLength(maxLength),
                Arbitraries.strings().alpha().ofMinLength(maxLength / 2).ofMaxLength(maxLength));
    }

    @Test
    void everyHostileContainerIsAlertedStoredAndMailedOnce() throws Exception {
        List<ContainerView> hostile = new ArrayList<>();
        List<String> projects = text(4000).sampleStream().limit(CONTAINERS).toList();
        List<String> services = text(300).sampleStream().limit(CONTAINERS).toList();
        List<String> outputs = text(20_000).sampleStream().limit(CONTAINERS).toList();
        List<String> labels = text(3000).sampleStream().limit(CONTAINERS).toList();
        for (int i = 0; i < CONTAINERS; i++) {
            // distinct by their number, so that two random identities never collide into one container
            String project = "p" + i + projects.get(i);
            String service = services.get(i);
            hostile.add(new ContainerView(id("h" + i + "x"), "c" + i + "-" + service, "img" + labels.get(i), project, service, "1",
                    true, Health.HEALTHY, "", Map.of("com.docker.compose.project", project, "note" + i, labels.get(i))));
        }
        hostile.forEach(engine::run);
        poll();
        for (int i = 0; i < CONTAINERS; i++) {
            ContainerView c = hostile.get(i);
            engine.run(new ContainerView(c.id(), c.name(), c.image(), c.project(), c.service(), "1", true,
                    Health.UNHEALTHY, outputs.get(i), c.labels()));
        }
        poll();

        dispatched().expectedMessageCount(CONTAINERS);
        dispatched().assertIsSatisfied(20_000);
        MockEndpoint smtp = getMockEndpoint("mock:smtp");
        deliverUntil(smtp, CONTAINERS);

        // what GET /api/alerts answers
        List<AlertRecord> stored = context.getRegistry().lookupByNameAndType("historyApi", HistoryApi.class)
                .alerts("1000", null, null);
        assertEquals(CONTAINERS, stored.size(), "one stored alert per container");
        for (ContainerView c : hostile) {
            List<AlertRecord> its = stored.stream().filter(r -> r.alert().containerId().equals(c.id())).toList();
            assertEquals(1, its.size(), () -> "alerts about " + c.id());
            assertEquals("SENT", its.get(0).deliveries().get(0).status(), () -> "the mail about " + c.id());
        }
        assertEquals(CONTAINERS, smtp.getReceivedCounter(), "one mail each");
    }
}
