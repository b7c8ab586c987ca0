package io.dhm.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineFleetTest {

    private final FakeEngine web1 = new FakeEngine().named("web1");
    private final FakeEngine web2 = new FakeEngine().named("web2");
    private final EngineFleet fleet = new EngineFleet(List.of(web1, web2));

    @Test
    void aContainerIsFoundOnItsEngineAndCallsAboutItGoThere() {
        web1.run(FakeEngine.compose("web", "shop", "web", Health.HEALTHY));
        web2.run(FakeEngine.compose("api", "shop", "api", Health.HEALTHY));

        ContainerView api = fleet.inspect(FakeEngine.id("api")).orElseThrow();
        assertEquals("web2", api.engine());
        assertEquals("web2/shop/api/1", api.key());
        assertEquals("web2/shop-api-1", api.displayName());

        assertTrue(fleet.restart(FakeEngine.id("api"), 10));
        assertEquals(List.of(FakeEngine.id("api")), web2.restarted());
        assertEquals(List.of(), web1.restarted());
        assertEquals(Optional.of(api), fleet.inspect("web2/shop-api-1"), "a name led by its engine's");
        assertEquals(Optional.empty(), fleet.inspect("web1/shop-api-1"));
    }

    @Test
    void aListLeavesOutAnEngineThatIsDownAndFailsOnlyWhenNoneAnswers() {
        web1.run(FakeEngine.compose("web", "shop", "web", Health.HEALTHY));
        web2.run(FakeEngine.compose("api", "shop", "api", Health.HEALTHY));
        web2.outage(new Outage(Instant.EPOCH, "ping: refused"));

        assertEquals(List.of("web1"), fleet.listRunning().stream().map(ContainerView::engine).toList());
        fleet.ping(); // one engine answers: the monitor is of use

        web1.outage(new Outage(Instant.EPOCH, "ping: refused"));
        assertThrows(EngineUnavailableException.class, fleet::listRunning);
        assertThrows(EngineUnavailableException.class, fleet::ping);
    }

    @Test
    @Timeout(30) // a guard only: were the fleet to wait for the engine that hangs, this test would never end
    void anEngineThatHangsHoldsUpNoAnswerFromAnother() {
        CountDownLatch thaw = new CountDownLatch(1);
        FakeEngine frozen = new FakeEngine() {
            @Override
            public Optional<ContainerView> inspect(String idOrName) {
                awaitQuietly(thaw);
                return super.inspect(idOrName);
            }

            @Override
            public void ping() {
                awaitQuietly(thaw);
            }
        }.named("frozen");
        FakeEngine answering = new FakeEngine().named("answering");
        answering.run(FakeEngine.compose("web", "shop", "web", Health.HEALTHY));
        EngineFleet fleet = new EngineFleet(List.of(frozen, answering));
        try {
            assertEquals("answering", fleet.inspect(FakeEngine.id("web")).orElseThrow().engine());
            fleet.ping();
        } finally {
            thaw.countDown();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
