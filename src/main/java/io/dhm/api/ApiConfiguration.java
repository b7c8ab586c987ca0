package io.dhm.api;

import io.dhm.ack.Acknowledgements;
import io.dhm.ack.AlertAcknowledger;
import io.dhm.check.CustomChecks;
import io.dhm.deliver.AlertRecords;
import io.dhm.dispatch.Silences;
import io.dhm.evidence.EvidenceTimeline;
import io.dhm.foundation.FoundationConfiguration;
import io.dhm.heal.HealConfiguration;
import io.dhm.observe.MonitoringChoice;
import io.dhm.observe.Observer;
import io.dhm.resource.ResourceWatch;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

import java.sql.SQLException;

/**
 * Routes api.camel.yaml and api-dashboard.camel.yaml: the beans behind the REST routes, one per resource, which read (and
 * for a caller with the token, change) what the stages keep.
 */
public class ApiConfiguration implements CamelConfiguration {

    /** What the API reads and changes of the stages. */
    public record Stages(Observer observer, CustomChecks customChecks, Acknowledgements acknowledgements,
                         Silences silences, AlertRecords alerts, HealConfiguration heal, ResourceWatch resources,
                         EvidenceTimeline evidence, AlertAcknowledger acknowledger) {
    }

    private final FoundationConfiguration foundation;
    private final Stages stages;
    private final MonitoringChoice monitoringChoice;

    public ApiConfiguration(FoundationConfiguration foundation, Stages stages) {
        this.foundation = foundation;
        this.stages = stages;
        this.monitoringChoice = new MonitoringChoice(foundation.tracker(), foundation.database());
    }

    @Override
    public void configure(CamelContext context) throws SQLException {
        foundation.open(monitoringChoice::open);
        foundation.reloadOnTakeOver("the containers taken out of monitoring", monitoringChoice::reload);
        Registry registry = context.getRegistry();
        ApiAccess access = new ApiAccess(foundation.settings().api().token(), foundation.leadership()::follower);
        registry.bind("apiAccess", access);
        registry.bind("statusApi", new StatusApi(foundation.engine(), foundation.tracker(), stages.heal().healBook(),
                stages.silences(), foundation.live(), access, foundation.leadership(), foundation.clock()));
        ContainersApi containers = new ContainersApi(foundation.engine(), foundation.tracker(), monitoringChoice,
                stages.observer(), stages.heal().healer(), foundation.history(), foundation.settings().confirmWait(),
                stages.resources(), stages.acknowledgements());
        registry.bind("containersApi", containers);
        registry.bind("evidenceApi", new EvidenceApi(containers, stages.evidence(), foundation.clock()));
        registry.bind("silencesApi", new SilencesApi(stages.silences(), foundation.clock()));
        registry.bind("checksApi", new ChecksApi(stages.customChecks(), stages.observer()));
        registry.bind("configApi", new ConfigApi(foundation.live()));
        registry.bind("historyApi", new HistoryApi(foundation.history(), stages.alerts()));
        registry.bind("acknowledgeApi", new AcknowledgeApi(stages.acknowledger()));
    }
}
