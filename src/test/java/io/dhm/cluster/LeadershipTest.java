package io.dhm.cluster;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeadershipTest {

    @Test
    void aSingleProcessAlwaysLeadsWhateverTheElectionSays() {
        Leadership single = Leadership.single();
        single.elected(false);
        assertTrue(single.leader());
        assertEquals("single", single.roleName());
    }

    @Test
    void oneOfAPairFollowsUntilElectedAndTakesOverOncePerElection() {
        Leadership pair = Leadership.elected();
        AtomicInteger takeOvers = new AtomicInteger();
        pair.onTakeOver(takeOvers::incrementAndGet);
        assertTrue(pair.follower());
        assertEquals("follower", pair.roleName());

        pair.elected(true);
        pair.elected(true); // the view says it again: no second take-over
        assertTrue(pair.leader());
        assertEquals(1, takeOvers.get());

        pair.elected(false);
        assertFalse(pair.leader());
        pair.elected(true);
        assertEquals(2, takeOvers.get(), "a new election is a new take-over");
    }
}
