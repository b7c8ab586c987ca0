package io.dhm.api;

import io.dhm.engine.ContainerView;
import io.dhm.evidence.EvidenceTimeline;
import org.apache.camel.Header;

import java.time.Clock;
import java.util.Map;

/** /api/containers/{id}/timeline: the evidence an alert about the container would carry if it were made now. */
public class EvidenceApi {

    private final ContainersApi containers;
    private final EvidenceTimeline timeline;
    private final Clock clock;

    public EvidenceApi(ContainersApi containers, EvidenceTimeline timeline, Clock clock) {
        this.containers = containers;
        this.timeline = timeline;
        this.clock = clock;
    }

    public Map<String, Object> timeline(@Header("id") String id) {
        ContainerView container = containers.view(id);
        return Map.of("container", container.name(), "timeline",
                timeline.of(container.id(), container.name(), null, clock.instant()));
    }
}
