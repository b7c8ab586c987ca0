package io.dhm.rootcause;

import io.dhm.foundation.FoundationConfiguration;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/** Route rootcause.camel.yaml: folds the alerts of failing dependents into their cause's; confirm and heal ask it too. */
public class RootcauseConfiguration implements CamelConfiguration {

    private final RootCause rootCause;

    public RootcauseConfiguration(FoundationConfiguration foundation) {
        this.rootCause = new RootCause(foundation.tracker(), foundation.engine(), foundation.history(), foundation.clock(),
                foundation.settings().rootCauseFolding());
    }

    @BindToRegistry
    public RootCause rootCause() {
        return rootCause;
    }
}
