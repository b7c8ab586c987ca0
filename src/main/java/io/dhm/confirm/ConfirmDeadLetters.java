package io.dhm.confirm;

import io.dhm.alert.Alert;
import io.dhm.decide.AlertMemory;
import io.dhm.history.History;
import io.dhm.observe.ContainerTracker;
import io.dhm.observe.Transition;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;

/**
 * The end of a confirmation whose later steps kept failing (route confirm-dead-letter): it is logged once with the
 * reason and kept in the history as DEAD_LETTER, so an operator can see what was not finished and why. The alert, if
 * the failure came after it was queued, is still delivered: it is in the outbox. If it never got there, the container
 * is not left ALERTED (nor remembered so across a restart): nothing was sent.
 */
public class ConfirmDeadLetters {

    /** The exchange property holding the transition whose wait ended, set by confirm-after-wait before anything else. */
    public static final String PENDING = "dhmPendingTransition";
    private static final Logger LOG = LoggerFactory.getLogger(ConfirmDeadLetters.class);

    /** The exchange property holding the alert the recheck raised, set by confirm-after-wait before the dispatch. */
    public static final String ALERT = "dhmAlert";

    /** Whether an alert is in the outbox (queued, sent, silenced or given up): the deliver stage's answer. */
    @FunctionalInterface
    public interface StoredAlerts {
        boolean stored(String alertId) throws SQLException;
    }

    private final History history;
    private final ContainerTracker tracker;
    private final AlertMemory memory;
    private final StoredAlerts outbox;

    public ConfirmDeadLetters(History history, ContainerTracker tracker, AlertMemory memory, StoredAlerts outbox) {
        this.history = history;
        this.tracker = tracker;
        this.memory = memory;
        this.outbox = outbox;
    }

    /**
     * The transition is the exchange property {@value #PENDING} when the route's retries ran out, or the body when the
     * aggregation repository gives up on a confirmation that was re-run after restarts too often.
     */
    public void record(@ExchangeProperty(PENDING) Transition pending, @ExchangeProperty(ALERT) Alert alert,
                       Exchange exchange) throws Exception {
        Transition confirming = pending != null ? pending : exchange.getMessage().getMandatoryBody(Transition.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = cause == null
                ? "it was still unfinished after " + exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER) + " restarts"
                : "in route " + exchange.getProperty(Exchange.FAILURE_ROUTE_ID, "confirm-after-wait", String.class)
                        + " after its retries: " + cause.getClass().getSimpleName() + ": " + cause.getMessage();
        String detail = "confirmation of " + confirming.change() + " at " + confirming.at() + " gave up " + reason;
        LOG.warn("DEAD LETTER {} [{}]: {}", confirming.container().displayName(), confirming.container().projectLabel(), detail);
        history.record(History.Kind.DEAD_LETTER, confirming.container(), detail, null);
        if (alert != null && !outbox.stored(alert.id())) {
            tracker.notAlerted(confirming);
            memory.forget(confirming);
        }
    }
}
