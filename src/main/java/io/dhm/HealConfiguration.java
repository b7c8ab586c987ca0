package io.dhm;

import io.dhm.config.LiveSettings;
import io.dhm.heal.HealBook;
import io.dhm.heal.Healer;
import io.dhm.signal.EngineOutages;
import io.dhm.signal.LogPatternWatch;
import io.dhm.signal.RestartLoopWatch;
import io.dhm.signal.SignalContext;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

import java.sql.SQLException;

/**
 * Routes heal.camel.yaml and signals.camel.yaml: auto-heal with its restart book, the watches for restart loops
 * and log patterns, which may ask it for a restart, and the one for engines that stop answering.
 */
public class HealConfiguration implements CamelConfiguration {

    private final FoundationConfiguration foundation;
    private final HealBook healBook;
    private final Healer healer;

    public HealConfiguration(FoundationConfiguration foundation, ObservationConfiguration observation,
                             ConfirmConfiguration confirm) {
        this.foundation = foundation;
        this.healBook = new HealBook(foundation.database());
        LiveSettings live = foundation.live();
        // AUTOHEAL_* are read at each decision, so a change through the API applies at once
        this.healer = new Healer(() -> live.current().heal(), healBook, new Healer.Sources(foundation.engine(),
                foundation.tracker(), observation.customChecks(), foundation.lifecycle(), confirm.rootCause()),
                foundation.alertFactory(), foundation.history(), foundation.clock(), foundation.settings().logLines());
    }

    @Override
    public void configure(CamelContext context) throws SQLException {
        foundation.open(healBook::reload);
        foundation.reloadOnTakeOver("auto-heal's records", healBook::reload);
        // restarts run side by side, so one container's stop timeout does not hold up another's restart
        context.getRegistry().bind("healPool", context.getExecutorServiceManager().newFixedThreadPool(this, "auto-heal", 4));
    }

    @BindToRegistry
    public Healer healer() {
        return healer;
    }

    @BindToRegistry
    public RestartLoopWatch restartLoops() {
        return new RestartLoopWatch(foundation.settings().watch(), signalContext(), foundation.lifecycle());
    }

    @BindToRegistry
    public LogPatternWatch logPatterns() {
        return new LogPatternWatch(foundation.settings().watch(), signalContext());
    }

    @BindToRegistry
    public EngineOutages engineOutages() {
        return new EngineOutages(foundation.engine(), foundation.alertFactory(),
                foundation.settings().engines().unreachableWait(), foundation.settings().engines().named(),
                foundation.clock());
    }

    private SignalContext signalContext() {
        return new SignalContext(foundation.engine(), healer, foundation.alertFactory(), foundation.history(),
                foundation.clock(), foundation.settings().logLines());
    }

    public HealBook healBook() {
        return healBook;
    }
}
