package io.dhm.observe;

import io.dhm.engine.ContainerView;
import io.dhm.engine.Health;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContainerTrackerTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(30);
    private static final Instant T2 = T0.plusSeconds(60);
    private static final Instant T3 = T0.plusSeconds(90);
    private static final Instant T4 = T0.plusSeconds(120);
    private static final Instant T5 = T0.plusSeconds(150);

    private final ContainerTracker tracker = new ContainerTracker();

    /** A compose container of project "shop", service "web", replica 1. */
    private static ContainerView web(String id, Health health) {
        return new ContainerView(id, "shop-web-1", "shop/web:1.0", "shop", "web", "1", true, health, "");
    }

    private static ContainerView standalone(String id, String name, Health health) {
        return new ContainerView(id, name, "nginx:1.27", null, null, null, true, health, "");
    }

    private static ContainerView stopped(ContainerView view) {
        return new ContainerView(view.id(), view.name(), view.image(), view.project(), view.service(), view.replica(),
                false, view.health(), view.healthOutput());
    }

    private Transition single(List<Transition> transitions) {
        assertEquals(1, transitions.size(), () -> "expected exactly one transition, got " + transitions);
        return transitions.get(0);
    }

    private Transition present(Optional<Transition> transition) {
        assertTrue(transition.isPresent(), "expected a transition");
        return transition.get();
    }

    // ---- several engines ---------------------------------------------------------------------------------------

    @Test
    void aPollOfOneEngineLeavesTheOthersContainersAsTheyWereAndTheSameProjectOnTwoEnginesIsTwoContainers() {
        ContainerView onWeb1 = web("id1", Health.HEALTHY).on("web1");
        ContainerView onWeb2 = web("id2", Health.HEALTHY).on("web2");
        tracker.reconcile("web1", List.of(onWeb1), T0);
        tracker.reconcile("web2", List.of(onWeb2), T0);
        assertEquals(2, tracker.monitoredCount(), "web1/shop/web/1 and web2/shop/web/1");

        // web2 does not answer (no poll of it), web1 lists nothing: only web1's container is gone
        Transition gone = single(tracker.reconcile("web1", List.of(), T1));
        assertEquals("web1/shop/web/1", gone.key());
        assertEquals(Change.VANISHED, gone.change());
        assertTrue(tracker.reconcile("web2", List.of(onWeb2), T2).isEmpty());
    }

    // ---- first sight -------------------------------------------------------------------------------------------

    @Test
    void firstSightHealthyIsSilent() {
        assertTrue(tracker.reconcile(List.of(web("id1", Health.HEALTHY)), T0).isEmpty());
        assertEquals(1, tracker.monitoredCount());
    }

    @Test
    void firstSightStartingIsSilent() {
        assertTrue(tracker.observe(web("id1", Health.STARTING), T0).isEmpty());
        assertEquals(1, tracker.monitoredCount());
    }

    @Test
    void underTheHealthScopeContainersWithoutAHealthCheckAreNotTracked() {
        ContainerView noHealthcheck = standalone("id9", "plain", Health.NONE);
        ContainerView stoppedOne = stopped(standalone("id8", "gone", Health.HEALTHY));
        assertTrue(tracker.reconcile(List.of(noHealthcheck, stoppedOne), T0).isEmpty());
        assertEquals(0, tracker.monitoredCount());
    }

    @Test
    void sameStatusAgainIsSilent() {
        tracker.reconcile(List.of(web("id1", Health.HEALTHY)), T0);
        assertTrue(tracker.reconcile(List.of(web("id1", Health.HEALTHY)), T1).isEmpty());
        assertTrue(tracker.observe(web("id1", Health.HEALTHY), T2).isEmpty());
    }

    @Test
    void aPollListedBeforeANewerEventDoesNotUndoIt() {
        tracker.reconcile(List.of(web("id1", Health.HEALTHY)), T0);
        present(tracker.observe(web("id1", Health.UNHEALTHY), T2));

        // listed at T1, before the event of T2 was handled: its "healthy" is stale, and its absence of others too
        assertTrue(tracker.reconcile(List.of(web("id1", Health.HEALTHY)), T1).isEmpty());
        assertTrue(tracker.reconcile(List.of(), T1).isEmpty());

        Transition recovered = single(tracker.reconcile(List.of(web("id1", Health.HEALTHY)), T3));
        assertEquals(Change.RETURNED, recovered.change());
    }

    // ---- becoming unhealthy ------------------------------------------------------------------------------------

    @Test
    void unknownToUnhealthyIsUnhealthy() {
        Transition t = single(tracker.reconcile(List.of(web("id1", Health.UNHEALTHY)), T0));
        assertEquals(Change.UNHEALTHY, t.change());
        assertEquals("unknown", t.from());
        assertEquals("unhealthy", t.to());
        assertEquals(T0, t.at());
        assertEquals(T0, t.troubleSince());
        assertEquals("unknown", t.troubleFrom());
        assertEquals("shop/web/1", t.key());
    }

    @Test
    void startingToUnhealthyIsUnhealthy() {
        tracker.observe(web("id1", Health.STARTING), T0);
        Transition t = present(tracker.observe(web("id1", Health.UNHEALTHY), T1));
        assertEquals(Change.UNHEALTHY, t.change());
        assertEquals("starting", t.from());
        assertEquals("unhealthy", t.to());
        assertEquals(T1, t.troubleSince());
        assertEquals("starting", t.troubleFrom());
    }

    @Test
    void healthyToUnhealthyIsUnhealthy() {
        tracker.reconcile(List.of(web("id1", Health.HEALTHY)), T0);
        Transition t = single(tracker.reconcile(List.of(web("id1", Health.UNHEALTHY)), T1));
        assertEquals(Change.UNHEALTHY, t.change());
        assertEquals("healthy", t.from());
        assertEquals("unhealthy", t.to());
        assertEquals(T1, t.at());
        assertEquals(T1, t.troubleSince());
        assertEquals("healthy", t.troubleFrom());
        assertEquals("id1", t.container().id());
    }

    // ---- returning / recovering --------------------------------------------------------------------------------

    @Test
    void backToHealthyWhilePendingIsReturned() {
        tracker.observe(web("id1", Health.HEALTHY), T0);
        tracker.observe(web("id1", Health.UNHEALTHY), T1);
        Transition t = present(tracker.observe(web("id1", Health.HEALTHY), T2));
        assertEquals(Change.RETURNED, t.change());
        assertEquals("unhealthy", t.from());
        assertEquals("healthy", t.to());
        assertEquals(T1, t.troubleSince());
        assertEquals("healthy", t.troubleFrom());
    }

    @Test
    void backToStartingWhilePendingIsReturned() {
        tracker.observe(web("id1", Health.HEALTHY), T0);
        tracker.observe(web("id1", Health.UNHEALTHY), T1);
        Transition t = present(tracker.observe(web("id1", Health.STARTING), T2));
        assertEquals(Change.RETURNED, t.change());
        assertEquals("starting", t.to());
    }

    @Test
    void healthyAfterAlertIsRecoveredWithTroubleSince() {
        tracker.observe(web("id1", Health.HEALTHY), T0);
        Transition unhealthy = present(tracker.observe(web("id1", Health.UNHEALTHY), T1));
        tracker.alerted(unhealthy, "unhealthy", T1);

        Transition t = present(tracker.observe(web("id1", Health.HEALTHY), T3));
        assertEquals(Change.RECOVERED, t.change());
        assertEquals("unhealthy", t.from());
        assertEquals("healthy", t.to());
        assertEquals(T1, t.troubleSince());
        assertEquals(T3, t.at());
        assertEquals("healthy", t.troubleFrom());
    }

    @Test
    void startingAfterAlertIsNotedThenHealthyIsRecovered() {
        tracker.observe(web("id1", Health.HEALTHY), T0);
        tracker.alerted(present(tracker.observe(web("id1", Health.UNHEALTHY), T1)), "unhealthy", T1);

        Transition starting = present(tracker.observe(web("id1", Health.STARTING), T2));
        assertEquals(Change.NOTED, starting.change());
        assertEquals(T1, starting.troubleSince());

        Transition healthy = present(tracker.observe(web("id1", Health.HEALTHY), T3));
        assertEquals(Change.RECOVERED, healthy.change());
        assertEquals("starting", healthy.from());
        assertEquals(T1, healthy.troubleSince());
    }

    @Test
    void afterRecoveryANewEpisodeAlertsAgain() {
        tracker.observe(web("id1", Health.HEALTHY), T0);
        tracker.alerted(present(tracker.observe(web("id1", Health.UNHEALTHY), T1)), "unhealthy", T1);
        assertEquals(Change.RECOVERED, present(tracker.observe(web("id1", Health.HEALTHY), T2)).change());

        Transition again = present(tracker.observe(web("id1", Health.UNHEALTHY), T3));
        assertEquals(Change.UNHEALTHY, again.change());
        assertEquals(T3, again.troubleSince());
        assertEquals("healthy", again.troubleFrom());
    }

    @Test
    void alertedThenUnhealthyAgainIsNotedWithoutSecondAlert() {
        tracker.observe(web("id1", Health.HEALTHY), T0);
        tracker.alerted(present(tracker.observe(web("id1", Health.UNHEALTHY), T1)), "unhealthy", T1);
        assertEquals(Change.NOTED, present(tracker.observe(web("id1", Health.STARTING), T2)).change());

        Transition again = present(tracker.observe(web("id1", Health.UNHEALTHY), T3));
        assertEquals(Change.NOTED, again.change());
        assertEquals(T1, again.troubleSince());
    }

    @Test
    void alertedThenVanishedIsNoted() {
        tracker.observe(web("id1", Health.HEALTHY), T0);
        tracker.alerted(present(tracker.observe(web("id1", Health.UNHEALTHY), T1)), "unhealthy", T1);
        Transition gone = single(tracker.reconcile(List.of(), T2));
        assertEquals(Change.NOTED, gone.change());
        assertEquals(Transition.NOT_FOUND, gone.to());
    }

    @Test
    void alertedIsIgnoredWhenNothingIsPending() {
        tracker.observe(web("id1", Health.HEALTHY), T0);
        Transition unhealthy = present(tracker.observe(web("id1", Health.UNHEALTHY), T1));
        Transition returned = present(tracker.observe(web("id1", Health.HEALTHY), T2));
        tracker.resolved(returned);
        tracker.alerted(unhealthy, "unhealthy", T1); // stale: the episode is over

        Transition next = present(tracker.observe(web("id1", Health.UNHEALTHY), T3));
        assertEquals(Change.UNHEALTHY, next.change());
    }

    // ---- vanishing ---------------------------------------------------------------------------------------------

    @Test
    void missingFromReconcileIsVanished() {
        tracker.reconcile(List.of(web("id1", Health.HEALTHY)), T0);
        Transition t = single(tracker.reconcile(List.of(), T1));
        assertEquals(Change.VANISHED, t.change());
        assertEquals("healthy", t.from());
        assertEquals("not_found", t.to());
        assertEquals(Transition.NOT_FOUND, t.to());
        assertEquals(T1, t.troubleSince());
        assertEquals("healthy", t.troubleFrom());
        assertEquals("id1", t.container().id());
        assertEquals(0, tracker.monitoredCount());

        assertTrue(tracker.reconcile(List.of(), T2).isEmpty(), "a container that stays gone is reported once");
    }

    @Test
    void onlyTheMissingContainerVanishes() {
        ContainerView other = standalone("id2", "db", Health.HEALTHY);
        tracker.reconcile(List.of(web("id1", Health.HEALTHY), other), T0);
        Transition t = single(tracker.reconcile(List.of(other), T1));
        assertEquals("shop-web-1", t.container().name());
        assertEquals(1, tracker.monitoredCount());
    }

    @Test
    void firstSightMissingIsSilentForNeverSeenContainers() {
        assertTrue(tracker.vanished("never-seen", Transition.NOT_FOUND, T0).isEmpty());
        assertTrue(tracker.reconcile(List.of(), T0).isEmpty());
    }

    @Test
    void stoppedContainerThroughObserveIsVanished() {
        tracker.observe(web("id1", Health.HEALTHY), T0);
        Transition t = present(tracker.observe(stopped(web("id1", Health.HEALTHY)), T1));
        assertEquals(Change.VANISHED, t.change());
        assertEquals(Transition.NOT_FOUND, t.to());
        assertEquals(T1, t.troubleSince());
    }

    @Test
    void containerThatLostItsHealthcheckIsVanished() {
        tracker.observe(standalone("id1", "api", Health.HEALTHY), T0);
        Transition t = present(tracker.observe(standalone("id1", "api", Health.NONE), T1));
        assertEquals(Change.VANISHED, t.change());
    }

    @Test
    void vanishedByIdIsVanished() {
        tracker.observe(web("id1", Health.HEALTHY), T0);
        Transition t = present(tracker.vanished("id1", Transition.NOT_FOUND, T1));
        assertEquals(Change.VANISHED, t.change());
        assertEquals("healthy", t.from());
        assertEquals(Transition.NOT_FOUND, t.to());
    }

    @Test
    void vanishedOfOldContainerAfterRedeployIsIgnored() {
        tracker.reconcile(List.of(web("old", Health.HEALTHY)), T0);
        // the replacement: same compose project/service/replica, new id
        assertTrue(tracker.reconcile(List.of(web("new", Health.HEALTHY)), T1).isEmpty());

        assertTrue(tracker.vanished("old", Transition.NOT_FOUND, T2).isEmpty(), "the old container of a redeploy is not the tracked one");
        assertTrue(tracker.observe(stopped(web("old", Health.HEALTHY)), Status.STOPPED, T2).isEmpty(),
                "the old container stopping is not the tracked one either");
        assertEquals(1, tracker.monitoredCount());

        // the tracked one is still watched: the new id can still go unhealthy
        Transition t = present(tracker.observe(web("new", Health.UNHEALTHY), T3));
        assertEquals(Change.UNHEALTHY, t.change());
        assertEquals("healthy", t.from());
    }

    @Test
    void composeRedeployIsReturned() {
        tracker.reconcile(List.of(web("old", Health.HEALTHY)), T0);
        Transition gone = present(tracker.vanished("old", Transition.NOT_FOUND, T1));
        assertEquals(Change.VANISHED, gone.change());

        Transition back = single(tracker.reconcile(List.of(web("new", Health.HEALTHY)), T2));
        assertEquals(Change.RETURNED, back.change());
        assertEquals(Transition.NOT_FOUND, back.from());
        assertEquals("healthy", back.to());
        assertEquals("new", back.container().id());
        assertEquals(T1, back.troubleSince());
        assertEquals(1, tracker.monitoredCount());
    }

    @Test
    void standaloneRedeployWithSameNameIsReturned() {
        tracker.observe(standalone("old", "api", Health.HEALTHY), T0);
        assertEquals(Change.VANISHED, present(tracker.vanished("old", Transition.NOT_FOUND, T1)).change());

        Transition back = present(tracker.observe(standalone("new", "api", Health.HEALTHY), T2));
        assertEquals(Change.RETURNED, back.change());
        assertEquals("new", back.container().id());
        assertEquals(T1, back.troubleSince());
    }

    @Test
    void redeployAfterNotFoundAlertIsRecovered() {
        tracker.reconcile(List.of(web("old", Health.HEALTHY)), T0);
        tracker.alerted(present(tracker.vanished("old", Transition.NOT_FOUND, T1)), "not_found", T1);
        Transition back = single(tracker.reconcile(List.of(web("new", Health.HEALTHY)), T4));
        assertEquals(Change.RECOVERED, back.change());
        assertEquals(T1, back.troubleSince());
        assertEquals(Transition.NOT_FOUND, back.from());
    }

    // ---- resolved ----------------------------------------------------------------------------------------------

    @Test
    void resolvedEndsTheEpisode() {
        tracker.observe(web("id1", Health.HEALTHY), T0);
        tracker.observe(web("id1", Health.UNHEALTHY), T1);
        Transition returned = present(tracker.observe(web("id1", Health.HEALTHY), T2));
        tracker.resolved(returned);

        Transition again = present(tracker.observe(web("id1", Health.UNHEALTHY), T3));
        assertEquals(Change.UNHEALTHY, again.change());
        assertEquals(T3, again.troubleSince());
        assertEquals("healthy", again.troubleFrom());

        // and a return to healthy without an alert is RETURNED, not RECOVERED
        assertEquals(Change.RETURNED, present(tracker.observe(web("id1", Health.HEALTHY), T4)).change());
    }

    @Test
    void withoutResolvedTheEpisodeContinues() {
        tracker.observe(web("id1", Health.HEALTHY), T0);
        tracker.observe(web("id1", Health.UNHEALTHY), T1);
        tracker.observe(web("id1", Health.HEALTHY), T2);

        Transition again = present(tracker.observe(web("id1", Health.UNHEALTHY), T3));
        assertEquals(Change.UNHEALTHY, again.change());
        assertEquals(T1, again.troubleSince(), "the pending episode still runs, so its start is kept");
    }

    @Test
    void resolvedIsIgnoredWhileStillUnhealthy() {
        tracker.observe(web("id1", Health.HEALTHY), T0);
        Transition unhealthy = present(tracker.observe(web("id1", Health.UNHEALTHY), T1));
        tracker.resolved(unhealthy);

        // still pending: returning is RETURNED (an ended episode would make it NOTED)
        assertEquals(Change.RETURNED, present(tracker.observe(web("id1", Health.HEALTHY), T2)).change());
    }

    @Test
    void resolvedOfAnOlderEpisodeIsIgnored() {
        tracker.observe(web("id1", Health.HEALTHY), T0);
        tracker.observe(web("id1", Health.UNHEALTHY), T1);
        Transition firstReturn = present(tracker.observe(web("id1", Health.HEALTHY), T2));
        tracker.resolved(firstReturn);
        tracker.observe(web("id1", Health.UNHEALTHY), T3);
        tracker.observe(web("id1", Health.HEALTHY), T4);

        tracker.resolved(firstReturn); // stale: troubleSince T1, the current episode began at T3
        Transition t = present(tracker.observe(web("id1", Health.UNHEALTHY), T5));
        assertEquals(T3, t.troubleSince());
    }

    // ---- rename ------------------------------------------------------------------------------------------------

    @Test
    void renameKeepsTheEntryWithoutTransition() {
        tracker.reconcile(List.of(standalone("id1", "api", Health.HEALTHY)), T0);

        assertTrue(tracker.reconcile(List.of(standalone("id1", "api-renamed", Health.HEALTHY)), T1).isEmpty(),
                "a rename is neither a vanish of the old name nor a new container");
        assertEquals(1, tracker.monitoredCount());

        Transition t = present(tracker.observe(standalone("id1", "api-renamed", Health.UNHEALTHY), T2));
        assertEquals(Change.UNHEALTHY, t.change());
        assertEquals("healthy", t.from(), "the renamed container kept its last status");
        assertEquals("api-renamed", t.container().name());
        assertEquals("api-renamed", t.key());
    }

    @Test
    void renameKeepsAPendingEpisode() {
        tracker.observe(standalone("id1", "api", Health.HEALTHY), T0);
        tracker.observe(standalone("id1", "api", Health.UNHEALTHY), T1);

        Transition t = present(tracker.observe(standalone("id1", "api-2", Health.HEALTHY), T2));
        assertEquals(Change.RETURNED, t.change());
        assertEquals(T1, t.troubleSince());
    }

    @Test
    void transitionsCarryNoTroubleWhenThereIsNone() {
        tracker.observe(web("id1", Health.HEALTHY), T0);
        Transition t = present(tracker.observe(web("id1", Health.STARTING), T1));
        assertEquals(Change.NOTED, t.change());
        assertNull(t.troubleSince());
        assertNull(t.troubleFrom());
    }

    @Test
    void anAlertedContainerStillInTroubleIsDueForARepeatOncePerInterval() {
        tracker.reconcile(List.of(web("id1", Health.HEALTHY)), T0);
        Transition unhealthy = present(tracker.observe(web("id1", Health.UNHEALTHY), T1));
        tracker.alerted(unhealthy, "unhealthy", T1);
        java.time.Duration interval = java.time.Duration.ofSeconds(30);

        assertTrue(tracker.repeatsDue(T2.minusSeconds(1), interval).isEmpty());
        Transition repeat = single(tracker.repeatsDue(T2, interval));
        assertEquals(Change.REPEAT, repeat.change());
        assertEquals(T1, repeat.troubleSince());
        assertTrue(tracker.repeatsDue(T2.plusSeconds(29), interval).isEmpty(), "once per interval");
        assertTrue(tracker.repeatsDue(T5, java.time.Duration.ZERO).isEmpty(), "0 = never");

        present(tracker.observe(web("id1", Health.HEALTHY), T3));
        assertTrue(tracker.repeatsDue(T5, interval).isEmpty(), "recovered: nothing to repeat");
    }

    @Test
    void unhealthySpellsCountFromTheLastChangeToUnhealthyNotFromTheEpisode() {
        tracker.reconcile(List.of(web("id1", Health.HEALTHY), standalone("id2", "api", Health.HEALTHY)), T0);
        tracker.observe(web("id1", Health.UNHEALTHY), T1);
        assertEquals(List.of(new UnhealthySpell(web("id1", Health.UNHEALTHY), T1)), tracker.unhealthy());

        // restarted (gone, starting) and unhealthy again within the same episode: the spell starts over
        tracker.observe(stopped(web("id1", Health.UNHEALTHY)), T2);
        tracker.observe(web("id1", Health.STARTING), T3);
        assertTrue(tracker.unhealthy().isEmpty());
        tracker.observe(web("id1", Health.UNHEALTHY), T4);
        tracker.observe(web("id1", Health.UNHEALTHY), T5);
        assertEquals(List.of(new UnhealthySpell(web("id1", Health.UNHEALTHY), T4)), tracker.unhealthy());
    }

    @Test
    void aFollowerTakingOverConfirmsWhatItSawGoWrongAndEndsWhatTheOldLeaderSettled() {
        ContainerView a = standalone("a", "a", Health.HEALTHY);
        ContainerView b = standalone("b", "b", Health.HEALTHY);
        ContainerView c = standalone("c", "c", Health.HEALTHY);
        tracker.reconcile(List.of(a, b, c), T0);
        tracker.observe(a.withHealth(Health.UNHEALTHY, ""), T1); // seen while nobody led
        tracker.observe(b.withHealth(Health.UNHEALTHY, ""), T1); // the old leader's wait is in the shared store
        tracker.observe(c.withHealth(Health.UNHEALTHY, ""), T1);
        tracker.observe(c.withHealth(Health.HEALTHY, ""), T2); // and settled by the old leader

        List<Transition> unconfirmed = tracker.unconfirmed(java.util.Set.of("b"));

        assertEquals(1, unconfirmed.size(), unconfirmed.toString());
        Transition wait = unconfirmed.get(0);
        assertEquals("a", wait.container().name());
        assertEquals(Change.UNHEALTHY, wait.change());
        assertEquals(T1, wait.at(), "the wait counts from when the trouble began");
        assertEquals("healthy", wait.troubleFrom());
        tracker.observe(c.withHealth(Health.UNHEALTHY, ""), T3);
        assertEquals(T3, tracker.unconfirmed(java.util.Set.of("b")).stream()
                .filter(t -> t.container().name().equals("c")).findFirst().orElseThrow().troubleSince(),
                "c's old episode ended: a new one begins afresh");
    }
    // ---- lifecycle statuses (WATCH_SCOPE=all) ------------------------------------------------------------------

    @Test
    void underTheDefaultScopeAContainerWithoutAHealthCheckIsJudgedByItsLifecycle() {
        ContainerTracker all = new ContainerTracker(WatchScope.ALL);
        ContainerView plain = standalone("p1", "worker", Health.NONE);
        assertTrue(all.reconcile(List.of(plain), T0).isEmpty());
        assertEquals(1, all.monitoredCount());

        Transition exited = present(all.observe(stopped(plain), Status.EXITED, T1));
        assertEquals(Change.VANISHED, exited.change(), "an exit of its own starts the wait");
        assertEquals("running", exited.from());
        assertTrue(all.reconcile(List.of(), T2).isEmpty(), "a poll that no longer lists it is no news");
        assertTrue(all.missing(ContainerView.SINGLE_ENGINE, java.util.Set.of()).isEmpty());

        all.alerted(exited, Status.EXITED, T2);
        Transition back = present(all.observe(plain, Status.RUNNING, T3));
        assertEquals(Change.RECOVERED, back.change(), "running again, without a health check to wait for");
    }

    @Test
    void aStopOfTheOperatorsEndsAnEpisodeAndAFinishedJobOrAPauseIsNoTrouble() {
        ContainerTracker all = new ContainerTracker(WatchScope.ALL);
        ContainerView web = web("id1", Health.HEALTHY);
        all.reconcile(List.of(web), T0);
        Transition unhealthy = present(all.observe(web("id1", Health.UNHEALTHY), T1));
        assertEquals(Change.UNHEALTHY, unhealthy.change());
        Transition stopped = present(all.observe(stopped(web), Status.STOPPED, T2));
        assertEquals(Change.STOPPED, stopped.change());
        assertEquals(T1, stopped.troubleSince(), "the wait under way is named, so the decide route can end it");

        all.observe(web, Status.PAUSED, T3);
        assertEquals(Change.NOTED, present(all.observe(web, "healthy", T4)).change());
        assertEquals(Change.NOTED, present(all.observe(stopped(web), Status.COMPLETED, T5)).change());
    }

    @Test
    void aContainerThatCrashedBeforeTheTrackerSawItRunIsStillNews() {
        ContainerTracker all = new ContainerTracker(WatchScope.ALL);
        ContainerView fast = stopped(standalone("f1", "fast", Health.NONE));
        assertEquals(Change.VANISHED, present(all.observe(fast, Status.OOM_KILLED, T0)).change());
        assertTrue(all.observe(stopped(standalone("j1", "job", Health.NONE)), Status.COMPLETED, T0).isEmpty());
    }

    @Test
    void aLongPauseIsReportedOncePerPause() {
        ContainerTracker all = new ContainerTracker(WatchScope.ALL);
        ContainerView web = web("id1", Health.HEALTHY);
        all.reconcile(List.of(web), T0);
        all.observe(web, Status.PAUSED, T1);
        assertTrue(all.pausedLongerThan(java.time.Duration.ofMinutes(1), T2).isEmpty());
        assertEquals(T1, all.pausedLongerThan(java.time.Duration.ofMinutes(1), T3).get(0).since());
        assertTrue(all.pausedLongerThan(java.time.Duration.ofMinutes(1), T5).isEmpty(), "once per pause");
        all.observe(web, "healthy", T5);
        all.observe(web, Status.PAUSED, T5);
        assertEquals(1, all.pausedLongerThan(java.time.Duration.ofMinutes(1), T5.plusSeconds(60)).size());
    }

    @Test
    void theEnableLabelTakesAContainerOutUnderAnyScope() {
        ContainerTracker all = new ContainerTracker(WatchScope.ALL);
        ContainerView out = new ContainerView("o1", "out", "img", null, null, null, true, Health.HEALTHY, "",
                java.util.Map.of(WatchScope.LABEL, "false"));
        all.reconcile(List.of(out), T0);
        assertEquals(0, all.monitoredCount());
        ContainerView outStopped = new ContainerView("o1", "out", "img", null, null, null, false, Health.HEALTHY, "",
                java.util.Map.of(WatchScope.LABEL, "false"));
        assertTrue(all.observe(outStopped, Status.EXITED, T1).isEmpty());
    }
}
