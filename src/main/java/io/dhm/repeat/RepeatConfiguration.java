package io.dhm.repeat;

import io.dhm.ack.Acknowledgements;
import io.dhm.foundation.FoundationConfiguration;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/** Route repeat.camel.yaml: the alerted containers due for a repeat (ALERT_REPEAT_INTERVAL_MIN), unless acknowledged. */
public class RepeatConfiguration implements CamelConfiguration {

    private final FoundationConfiguration foundation;
    private final Acknowledgements acknowledgements;

    public RepeatConfiguration(FoundationConfiguration foundation, Acknowledgements acknowledgements) {
        this.foundation = foundation;
        this.acknowledgements = acknowledgements;
    }

    @BindToRegistry
    public RepeatSchedule repeatSchedule() {
        return new RepeatSchedule(foundation.tracker(), acknowledgements, foundation.clock(),
                foundation.settings().delivery().repeatInterval());
    }
}
