package io.dhm.ops;

import io.dhm.confirm.StoredWaits;
import io.dhm.deliver.DeliverConfiguration;
import io.dhm.foundation.FoundationConfiguration;
import io.dhm.heal.HealBook;
import io.dhm.heal.RestartPolicy;
import io.dhm.resource.ResourceWatch;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.CliConnectorFactory;

/**
 * What an operator watches the monitor through, beside its routes: readiness (the engine, the channels, the cluster,
 * the data folder), the dhm_* metrics and the monitor's MBean, the Camel CLI's connector (unless
 * CLI_CONNECTOR_ENABLED=0), and Camel's consoles and MBeans with the secrets masked.
 */
public class OpsConfiguration implements CamelConfiguration {

    private final FoundationConfiguration foundation;
    private final MonitorMetrics metrics;
    private final HealBook healBook;
    private final StoredWaits confirmations;
    private final DeliverConfiguration deliver;
    private final ResourceWatch resources;

    public OpsConfiguration(FoundationConfiguration foundation, MonitorMetrics metrics, HealBook healBook,
                            StoredWaits confirmations, DeliverConfiguration deliver, ResourceWatch resources) {
        this.foundation = foundation;
        this.metrics = metrics;
        this.healBook = healBook;
        this.confirmations = confirmations;
        this.deliver = deliver;
        this.resources = resources;
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health != null) {
            health.register(new DockerHealthCheck(foundation.engine()));
            health.register(new DeliveryHealthCheck(deliver.deliveryLoop()));
            health.register(new ClusterHealthCheck(foundation.leadership()));
            health.register(new DataFolderHealthCheck(foundation.dataFolderSpace()));
        }
        MonitorState state = new MonitorState(foundation.tracker(), healBook,
                new RestartPolicy(foundation.settings().heal()), foundation.clock());
        context.getManagementStrategy().addEventNotifier(new RouteRestartMeters(metrics.registry()));
        metrics.watch(state::census);
        metrics.watchRole(foundation.leadership());
        metrics.watchResources(resources::latest);
        context.addService(new MonitorStatus(state, confirmations, deliver.deliveryLoop()), true, true);
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
    }
}
