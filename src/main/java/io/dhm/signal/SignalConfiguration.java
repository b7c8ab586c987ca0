package io.dhm.signal;

import io.dhm.foundation.FoundationConfiguration;
import io.dhm.heal.Healer;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/**
 * Route signal.camel.yaml: the watches for restart loops and log patterns, which may ask auto-heal for a restart, and
 * the one for engines that stop answering.
 */
public class SignalConfiguration implements CamelConfiguration {

    private final FoundationConfiguration foundation;
    private final Healer healer;

    public SignalConfiguration(FoundationConfiguration foundation, Healer healer) {
        this.foundation = foundation;
        this.healer = healer;
    }

    @Override
    public void configure(CamelContext context) {
        // the log pattern scans run side by side, so one container's long log does not hold up the rest
        context.getRegistry().bind("signalPool",
                context.getExecutorServiceManager().newFixedThreadPool(this, "log-patterns", 8));
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
}
