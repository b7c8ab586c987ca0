package io.dhm.evidence;

import io.dhm.foundation.FoundationConfiguration;
import io.dhm.resource.ResourceConfiguration;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/** Route evidence.camel.yaml: the timeline every problem alert carries. */
public class EvidenceConfiguration implements CamelConfiguration {

    private final EvidenceTimeline timeline;

    public EvidenceConfiguration(FoundationConfiguration foundation, ResourceConfiguration resources) {
        this.timeline = new EvidenceTimeline(foundation.engine(), foundation.history(),
                resources.resourceWatch()::recentSamples, foundation.settings().evidenceWindow(),
                foundation.settings().logLines(), foundation.clock());
    }

    @BindToRegistry
    public EvidenceTimeline evidenceTimeline() {
        return timeline;
    }
}
