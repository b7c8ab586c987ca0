package io.dhm.resource;

import io.dhm.check.CustomChecks;
import io.dhm.foundation.FoundationConfiguration;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/** Route resource.camel.yaml: CPU and memory samples, and latency of the HTTP custom checks, held against limits. */
public class ResourceConfiguration implements CamelConfiguration {

    private final ResourceWatch resourceWatch;

    public ResourceConfiguration(FoundationConfiguration foundation, CustomChecks customChecks) {
        ResourceReader reader = ResourceReader.choose(foundation.engine(), foundation.clock(),
                foundation.settings().resources().cgroupRoot());
        this.resourceWatch = new ResourceWatch(foundation.settings().resources(), reader,
                foundation.tracker(), customChecks, foundation.alertFactory(), foundation.clock());
    }

    @Override
    public void configure(CamelContext context) {
        // each stats call mostly waits (the engine takes two readings a second apart), so many run at once
        context.getRegistry().bind("statsPool",
                context.getExecutorServiceManager().newFixedThreadPool(this, "resource-stats", 32));
    }

    @BindToRegistry
    public ResourceWatch resourceWatch() {
        return resourceWatch;
    }
}
