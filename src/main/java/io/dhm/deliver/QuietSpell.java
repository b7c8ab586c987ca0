package io.dhm.deliver;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * How long nothing in the outbox is due, as far as {@link DeliveryLoop} knows: until then the deliver timer's ticks ask
 * the database nothing (a tick a second would otherwise be most of an idle monitor's work). Every change of the outbox
 * by the loop ends the spell; the loop bounds each spell (RECHECK) for a change made by anything else.
 *
 * <p>A spell is set only if the outbox did not change while the loop looked at it: {@link #look} returns which change
 * the look started from, and {@link #until} is ignored once another change came in between.
 */
final class QuietSpell {

    private Instant quietUntil = Instant.MIN;
    private long changes;

    /** The change a look at the outbox starts from, or empty while nothing can be due yet. */
    synchronized OptionalLong look(Instant now) {
        return now.isBefore(quietUntil) ? OptionalLong.empty() : OptionalLong.of(changes);
    }

    /** Nothing is due before {@code next}, as the look that started from change {@code seen} found. */
    synchronized void until(Instant next, long seen) {
        if (changes == seen) {
            quietUntil = next;
        }
    }

    /** The outbox changed: the next tick looks again. */
    synchronized void changed() {
        changes++;
        quietUntil = Instant.MIN;
    }
}
