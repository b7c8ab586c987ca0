package io.dhm.confirm;

import io.dhm.decide.AlertMemory;
import io.dhm.foundation.FoundationConfiguration;
import io.dhm.observe.ContainerTracker;
import io.dhm.observe.Transition;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.StartupListener;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * Picks up where a stopped monitor left off: alerted containers and containers mid-wait keep their place in the
 * tracker before the first poll, and the waits get a timer for what was left of them (the aggregator does not persist
 * its timers); observe starts the engines' event streams after this. One of a highly available pair does the same
 * when it takes over as the leader, from the shared database.
 */
public class StartupResume implements CamelConfiguration, StartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(StartupResume.class);

    private final FoundationConfiguration foundation;
    private final AlertMemory alertMemory;
    private final StoredWaits confirmations;
    private final ConfirmWait wait;
    private final List<Transition> resumed = new ArrayList<>();
    private ProducerTemplate producer;
    /** Take-overs run off the cluster service's thread: they wait for a route and read the shared database. */
    private final Executor takeOvers = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cluster-take-over");
        thread.setDaemon(true);
        return thread;
    });

    public StartupResume(FoundationConfiguration foundation, AlertMemory alertMemory, StoredWaits confirmations,
                         ConfirmWait wait) {
        this.foundation = foundation;
        this.alertMemory = alertMemory;
        this.confirmations = confirmations;
        this.wait = wait;
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        producer = context.createProducerTemplate();
        context.addStartupListener(this);
    }

    @Override
    public void onCamelContextStarting(CamelContext context, boolean alreadyStarted) throws SQLException {
        if (foundation.settings().cluster().enabled()) {
            // one of a pair: the stores are shared, and only the instance that leads picks up from them
            foundation.leadership().onTakeOver(() -> takeOvers.execute(() -> takeOver(context)));
            return;
        }
        // before the poll timer runs, or its first poll would start every resumed wait over
        resumed.addAll(resumeFromStores(context, "before the restart"));
    }

    /** Alerted containers and pending waits back into the tracker; the waits are returned, to be sent on. */
    private List<Transition> resumeFromStores(CamelContext context, String when) throws SQLException {
        ContainerTracker tracker = foundation.tracker();
        List<Transition> alerted = new ArrayList<>();
        for (Transition transition : alertMemory.all()) {
            if (watched(transition)) {
                alerted.add(transition);
            } else {
                alertMemory.forget(transition);
            }
        }
        alerted.forEach(tracker::resumeAlerted);
        if (!alerted.isEmpty()) {
            LOG.info("{} containers were alerted {} and have not recovered: {}", alerted.size(), when,
                    alerted.stream().map(transition -> transition.container().name()).toList());
        }
        ServiceHelper.startService(confirmations);
        List<Transition> waits = new ArrayList<>();
        for (String key : confirmations.getKeys()) {
            Exchange pending = confirmations.get(context, key);
            Transition transition = pending == null ? null : pending.getMessage().getBody(Transition.class);
            if (transition != null && watched(transition)) {
                tracker.resumePending(transition);
                waits.add(transition);
            } else if (transition != null) {
                // removed, and confirmed at once: the repository's recovery would otherwise complete it again
                confirmations.remove(context, key, pending);
                confirmations.confirm(context, pending.getExchangeId());
            }
        }
        return waits;
    }

    /**
     * Whether the episode's container is on an engine the monitor watches: one of an engine no longer in DOCKER_HOSTS,
     * or of the single engine before DOCKER_HOSTS named the engines (its identity then had no engine), is forgotten, as
     * nothing could ever end it; the container is seen afresh on its engine.
     */
    private boolean watched(Transition episode) {
        String engine = episode.container().engineName();
        if (foundation.engine().members().stream().anyMatch(member -> member.name().equals(engine)
                && (episode.container().engine() != null) == foundation.settings().engines().named())) {
            return true;
        }
        LOG.warn("Forgetting the {} episode of {} (since {}): its engine '{}' is not watched now ({}); if it is"
                        + " still in trouble it is seen afresh", episode.to(), episode.container().displayName(),
                episode.troubleSince(), engine, foundation.engine().dockerHost());
        return false;
    }

    /**
     * This instance leads now: it finishes what the pair had begun (alerted containers, pending waits in the shared
     * database) and confirms what it saw go wrong while nobody led. Waits for the confirmation route, which the
     * cluster's route policy starts on the leader.
     */
    private void takeOver(CamelContext context) {
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!context.getRouteController().getRouteStatus("confirm-after-wait").isStarted()) {
                if (System.nanoTime() > deadline) {
                    LOG.error("Cluster: the confirmation route did not start within 30 s of the take-over");
                    return;
                }
                Thread.sleep(50);
            }
            List<Transition> waits = resumeFromStores(context, "before this instance took over");
            Set<String> waiting = new HashSet<>();
            waits.forEach(transition -> waiting.add(transition.key()));
            List<Transition> unconfirmed = foundation.tracker().unconfirmed(waiting);
            LOG.info("Cluster: took over {} pending waits and {} troubles seen while nobody led", waits.size(),
                    unconfirmed.size());
            sendResumed(waits);
            sendResumed(unconfirmed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.error("Cluster: the take-over could not read the shared stores: {}", e.getMessage(), e);
        }
    }

    private void sendResumed(List<Transition> waits) {
        for (Transition transition : waits) {
            long remaining = wait.remainingMillis(transition.at());
            LOG.info("Resuming the wait for {} [{}]: {} since {}, {} s left", transition.container().displayName(),
                    transition.container().projectLabel(), transition.to(), transition.troubleSince(),
                    Math.max(0, remaining) / 1000);
            producer.sendBodyAndHeader("direct:confirm", transition, Confirmation.REMAINING_WAIT, remaining);
        }
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the timers and the event stream need the routes, which run only once the context is fully started
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) throws Exception {
        sendResumed(resumed);
        resumed.clear();
    }
}
