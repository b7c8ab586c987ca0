package io.dhm;

import io.dhm.confirm.Confirmation;
import io.dhm.decide.AlertMemory;
import io.dhm.observe.ContainerTracker;
import io.dhm.observe.Transition;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.StartupListener;
import org.apache.camel.component.leveldb.LevelDBAggregationRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks up where a stopped monitor left off: alerted containers and containers mid-wait keep their place in the
 * tracker before the first poll, and the waits get a timer for what was left of them (the aggregator does not persist
 * its timers). Then the engine's event stream starts.
 */
public class StartupResume implements CamelConfiguration, StartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(StartupResume.class);

    private final FoundationConfiguration foundation;
    private final ObservationConfiguration observation;
    private final ConfirmConfiguration confirm;
    private final List<Transition> resumed = new ArrayList<>();
    private ProducerTemplate producer;

    public StartupResume(FoundationConfiguration foundation, ObservationConfiguration observation,
                         ConfirmConfiguration confirm) {
        this.foundation = foundation;
        this.observation = observation;
        this.confirm = confirm;
        // here rather than in configure: Camel Main has not begun to start yet, so the list overlaps all of its start
        observation.observer().listEarly();
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        producer = context.createProducerTemplate();
        context.addStartupListener(this);
    }

    @Override
    public void onCamelContextStarting(CamelContext context, boolean alreadyStarted) throws SQLException {
        // before the poll timer runs, or its first poll would start every resumed wait over
        ContainerTracker tracker = foundation.tracker();
        AlertMemory alertMemory = confirm.alertMemory();
        List<Transition> alerted = alertMemory.all();
        alerted.forEach(tracker::resumeAlerted);
        if (!alerted.isEmpty()) {
            LOG.info("{} containers were alerted before the restart and have not recovered: {}", alerted.size(),
                    alerted.stream().map(transition -> transition.container().name()).toList());
        }
        LevelDBAggregationRepository confirmations = confirm.confirmations();
        ServiceHelper.startService(confirmations);
        for (String key : confirmations.getKeys()) {
            Exchange pending = confirmations.get(context, key);
            Transition transition = pending == null ? null : pending.getMessage().getBody(Transition.class);
            if (transition != null) {
                tracker.resumePending(transition);
                resumed.add(transition);
            }
        }
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the timers and the event stream need the routes, which run only once the context is fully started
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) throws Exception {
        Duration wait = foundation.settings().confirmWait();
        for (Transition transition : resumed) {
            long remaining = wait.minus(Duration.between(transition.at(), foundation.clock().instant())).toMillis();
            LOG.info("Resuming the wait for {} [{}]: {} since {}, {} s left", transition.container().name(),
                    transition.container().projectLabel(), transition.to(), transition.troubleSince(),
                    Math.max(0, remaining) / 1000);
            producer.sendBodyAndHeader("direct:confirm", transition, Confirmation.REMAINING_WAIT, remaining);
        }
        resumed.clear();
        context.addService(observation.eventStream(producer), true, true);
    }
}
