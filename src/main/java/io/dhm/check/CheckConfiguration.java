package io.dhm.check;

import io.dhm.foundation.FoundationConfiguration;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

import java.sql.SQLException;

/** Route check.camel.yaml: the custom checks (HTTP, TCP, exec), whose health observe lays over the engine's. */
public class CheckConfiguration implements CamelConfiguration {

    private final FoundationConfiguration foundation;
    private final CustomChecks customChecks;

    public CheckConfiguration(FoundationConfiguration foundation) {
        this.foundation = foundation;
        this.customChecks = new CustomChecks(foundation.settings().watch(), foundation.engine(), foundation.history(),
                foundation.database(), foundation.clock());
    }

    @Override
    public void configure(CamelContext context) throws SQLException {
        foundation.open(customChecks::open);
        foundation.reloadOnTakeOver("the custom check rules", customChecks::reload);
        // custom checks run side by side, so one slow probe does not hold up the rest
        context.getRegistry().bind("checkPool",
                context.getExecutorServiceManager().newFixedThreadPool(this, "custom-checks", 8));
    }

    @BindToRegistry
    public CustomChecks customChecks() {
        return customChecks;
    }
}
