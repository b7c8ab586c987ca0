package io.dhm.dispatch;

import io.dhm.foundation.FoundationConfiguration;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

import java.sql.SQLException;

/** Route dispatch.camel.yaml: the recipients by project or container pattern, the silences and the cooldown. */
public class DispatchConfiguration implements CamelConfiguration {

    private final FoundationConfiguration foundation;
    private final Silences silences;
    private final AlertRouter alertRouter;

    public DispatchConfiguration(FoundationConfiguration foundation) {
        this.foundation = foundation;
        this.silences = new Silences(foundation.database(), foundation.clock());
        this.alertRouter = new AlertRouter(foundation.settings());
    }

    @Override
    public void configure(CamelContext context) throws SQLException {
        foundation.open(silences::open);
        foundation.reloadOnTakeOver("the silences", silences::reload);
    }

    @BindToRegistry
    public AlertRouter alertRouter() {
        return alertRouter;
    }

    @BindToRegistry
    public Silences silences() {
        return silences;
    }

    /** Reads ALERT_COOLDOWN_SEC at each alert, so a change through the API applies at once. */
    @BindToRegistry
    public Cooldown cooldown() {
        return new Cooldown(() -> foundation.live().current().delivery().cooldown(), foundation.clock());
    }
}
