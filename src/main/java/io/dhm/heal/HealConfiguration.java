package io.dhm.heal;

import io.dhm.check.CustomChecks;
import io.dhm.config.LiveSettings;
import io.dhm.foundation.FoundationConfiguration;
import io.dhm.rootcause.RootCause;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

import java.sql.SQLException;

/** Route heal.camel.yaml: auto-heal, with its restart book; the signal watches ask it for restarts too. */
public class HealConfiguration implements CamelConfiguration {

    private final FoundationConfiguration foundation;
    private final HealBook healBook;
    private final Healer healer;

    public HealConfiguration(FoundationConfiguration foundation, CustomChecks customChecks, RootCause rootCause) {
        this.foundation = foundation;
        this.healBook = new HealBook(foundation.database());
        LiveSettings live = foundation.live();
        // AUTOHEAL_* are read at each decision, so a change through the API applies at once
        this.healer = new Healer(() -> live.current().heal(), healBook, new Healer.Sources(foundation.engine(),
                foundation.tracker(), customChecks, foundation.lifecycle(), rootCause),
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

    public HealBook healBook() {
        return healBook;
    }
}
