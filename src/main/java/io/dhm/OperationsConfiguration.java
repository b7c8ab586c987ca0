package io.dhm;

import io.dhm.ack.AlertAcknowledger;
import io.dhm.api.AckLinkPages;
import io.dhm.api.AcknowledgeApi;
import io.dhm.api.ApiAccess;
import io.dhm.api.ChecksApi;
import io.dhm.api.ConfigApi;
import io.dhm.api.ContainersApi;
import io.dhm.api.EvidenceApi;
import io.dhm.api.HistoryApi;
import io.dhm.api.SilencesApi;
import io.dhm.api.StatusApi;
import io.dhm.config.HeartbeatSettings;
import io.dhm.heal.RestartPolicy;
import io.dhm.ops.ClusterHealthCheck;
import io.dhm.ops.DataFolderHealthCheck;
import io.dhm.ops.DeliveryHealthCheck;
import io.dhm.ops.DockerHealthCheck;
import io.dhm.ops.Heartbeat;
import io.dhm.ops.LoggerMBeans;
import io.dhm.ops.HeartbeatPing;
import io.dhm.ops.MaskedDevConsole;
import io.dhm.ops.ManagedObjects;
import io.dhm.ops.MaskedMBeans;
import io.dhm.ops.MonitorMetrics;
import io.dhm.ops.MonitorState;
import io.dhm.ops.MonitorStatus;
import io.dhm.ops.OnDemandCliConnector;
import io.dhm.ops.Readiness;
import io.dhm.ops.RouteRestartMeters;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.CliConnectorFactory;
import org.apache.camel.spi.Registry;

/**
 * Routes api.camel.yaml, dashboard.camel.yaml, ack-link.camel.yaml and heartbeat.camel.yaml (the dead-man's switch,
 * which pings while readiness is UP), and what is not a route: readiness (the engine and the channels), the dhm_*
 * gauges, the io.dhm:type=Monitor MBean, the Camel CLI's connector, and Camel's consoles and MBeans with the secrets
 * masked. Configured last: it reads every stage.
 */
public class OperationsConfiguration implements CamelConfiguration {

    private final FoundationConfiguration foundation;
    private final ObservationConfiguration observation;
    private final ConfirmConfiguration confirm;
    private final DispatchConfiguration dispatch;
    private final DeliveryConfiguration delivery;
    private final HealConfiguration heal;
    private final ResourceConfiguration resources;
    private final EvidenceConfiguration evidence;

    public OperationsConfiguration(FoundationConfiguration foundation, ObservationConfiguration observation,
                                   ConfirmConfiguration confirm, DispatchConfiguration dispatch,
                                   DeliveryConfiguration delivery, HealConfiguration heal, ResourceConfiguration resources,
                                   EvidenceConfiguration evidence) {
        this.foundation = foundation;
        this.observation = observation;
        this.confirm = confirm;
        this.dispatch = dispatch;
        this.delivery = delivery;
        this.heal = heal;
        this.resources = resources;
        this.evidence = evidence;
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        api(context.getRegistry());
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health != null) {
            health.register(new DockerHealthCheck(foundation.engine()));
            health.register(new DeliveryHealthCheck(delivery.deliveryLoop()));
            health.register(new ClusterHealthCheck(foundation.leadership()));
            health.register(new DataFolderHealthCheck(foundation.dataFolderSpace()));
        }
        MonitorState state = new MonitorState(foundation.tracker(), heal.healBook(),
                new RestartPolicy(foundation.settings().heal()), foundation.clock());
        MonitorMetrics metrics = foundation.monitorMetrics();
        context.getManagementStrategy().addEventNotifier(new RouteRestartMeters(metrics.registry()));
        metrics.watch(state::census);
        metrics.watchRole(foundation.leadership());
        metrics.watchResources(resources.resourceWatch()::latest);
        context.addService(new MonitorStatus(state, confirm.confirmations(), delivery.deliveryLoop()), true, true);
        // the only connector: the jar leaves camel-cli-connector's service file out, so an application that uses the
        // jar as a library (the Kamelets) starts none
        context.getCamelContextExtension().addContextPlugin(CliConnectorFactory.class,
                OnDemandCliConnector.factory(foundation.settings().tooling().cliConnector()));
        if (foundation.settings().tooling().cliConnector()) {
            LoggerMBeans.register();
        }
        // what the consoles, the CLI and JMX show of the endpoints and the rest, secrets masked by value
        MaskedDevConsole.maskAll(context);
        // the consoles and the CLI read the route and processor MBeans' objects, not JMX (ManagedObjects)
        ManagedObjects managed = new ManagedObjects();
        MaskedMBeans.install(context, managed);
        managed.install(context);
        HeartbeatSettings heartbeat = foundation.settings().heartbeat();
        // a single monitor always leads; in a highly available pair only the leader pings (see Heartbeat)
        context.getRegistry().bind("heartbeat", new Heartbeat(heartbeat, new Readiness(context), foundation.leadership()::leader,
                new HeartbeatPing(context.createProducerTemplate(), heartbeat), metrics));
    }

    /** The beans behind the REST routes, one per resource. */
    private void api(Registry registry) {
        ApiAccess access = new ApiAccess(foundation.settings().api().token(), foundation.leadership()::follower);
        registry.bind("apiAccess", access);
        registry.bind("statusApi", new StatusApi(foundation.engine(), foundation.tracker(), heal.healBook(),
                dispatch.silences(), foundation.live(), access, foundation.leadership(), foundation.clock()));
        ContainersApi containers = new ContainersApi(foundation.engine(), foundation.tracker(),
                observation.monitoringChoice(), observation.observer(), heal.healer(), foundation.history(), foundation.settings().confirmWait(),
                resources.resourceWatch(), confirm.acknowledgements());
        registry.bind("containersApi", containers);
        registry.bind("evidenceApi", new EvidenceApi(containers, evidence.evidenceTimeline(), foundation.clock()));
        registry.bind("silencesApi", new SilencesApi(dispatch.silences(), foundation.clock()));
        registry.bind("checksApi", new ChecksApi(observation.customChecks(), observation.observer()));
        registry.bind("configApi", new ConfigApi(foundation.live()));
        registry.bind("historyApi", new HistoryApi(foundation.history(), delivery.alertRecords()));
        AlertAcknowledger acknowledger = new AlertAcknowledger(delivery.alertRecords(), foundation.tracker(),
                confirm.acknowledgements(), foundation.history(), foundation.clock(), foundation.leadership()::follower);
        registry.bind("acknowledgeApi", new AcknowledgeApi(acknowledger));
        registry.bind("ackLinkPages", new AckLinkPages(delivery.ackLinks(), acknowledger, foundation.clock()));
    }
}
