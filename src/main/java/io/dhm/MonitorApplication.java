package io.dhm;

import io.dhm.ack.AckConfiguration;
import io.dhm.api.ApiConfiguration;
import io.dhm.api.guard.HttpGuard;
import io.dhm.check.CheckConfiguration;
import io.dhm.cluster.ClusterConfiguration;
import io.dhm.config.InvalidSettingException;
import io.dhm.config.ListedSettings;
import io.dhm.config.LiveSettings;
import io.dhm.config.SecretValues;
import io.dhm.config.SettingSources;
import io.dhm.config.Settings;
import io.dhm.confirm.ConfirmConfiguration;
import io.dhm.confirm.StartupResume;
import io.dhm.decide.DecideConfiguration;
import io.dhm.deliver.ChannelConfiguration;
import io.dhm.deliver.DeliverConfiguration;
import io.dhm.deliver.TestAlert;
import io.dhm.deliver.endpoint.EndpointConfiguration;
import io.dhm.deliver.folder.FolderConfiguration;
import io.dhm.deliver.ses.SesConfiguration;
import io.dhm.deliver.smtp.SmtpConfiguration;
import io.dhm.deliver.webhook.WebhookConfiguration;
import io.dhm.dispatch.DispatchConfiguration;
import io.dhm.evidence.EvidenceConfiguration;
import io.dhm.foundation.FoundationConfiguration;
import io.dhm.heal.HealConfiguration;
import io.dhm.heartbeat.HeartbeatConfiguration;
import io.dhm.observe.ObserveConfiguration;
import io.dhm.ops.MonitorMetrics;
import io.dhm.ops.OpsConfiguration;
import io.dhm.repeat.RepeatConfiguration;
import io.dhm.resource.ResourceConfiguration;
import io.dhm.rootcause.RootcauseConfiguration;
import io.dhm.route.InvalidRoutesException;
import io.dhm.route.RouteFiles;
import io.dhm.route.RouteValues;
import io.dhm.signal.SignalConfiguration;
import io.dhm.store.DataFolder;
import io.dhm.trace.TraceConfiguration;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/** Reads and checks the settings, then runs Camel Main until SIGTERM or SIGINT. */
public final class MonitorApplication {

    static final int EXIT_BAD_CONFIGURATION = 2;
    private static final Logger LOG = LoggerFactory.getLogger(MonitorApplication.class);

    private MonitorApplication() {
    }

    public static int run(Path workDir, Map<String, String> environment, String[] args) throws Exception {
        Properties properties;
        Settings settings;
        try {
            properties = SettingSources.load(workDir, environment);
            // before anything is logged: a refused setting's message may quote a secret's value
            SecretValues.register(properties);
            settings = Settings.from(properties);
            if (!List.of(args).contains("--test-alert")) {
                settings.api().checkPortFree();
            }
        } catch (InvalidSettingException e) {
            return invalid(e);
        }
        LOG.info("docker-health-monitor starting: {}", settings);
        DataFolder.prepare(settings.dataDir());

        org.apache.camel.main.Main camel = new org.apache.camel.main.Main();
        camel.setDefaultPropertyPlaceholderLocation("false"); // SettingSources has merged every source already
        Properties camelProperties = RouteValues.camelProperties(properties, settings);
        camel.setOverrideProperties(ListedSettings.internal(camelProperties));
        AtomicInteger exitCode = new AtomicInteger();
        boolean testAlert = List.of(args).contains("--test-alert");
        if (testAlert) {
            camel.configure().setAutoStartup(false); // no observation: only the channel routes are started
        }
        MonitorMetrics metrics = MonitorMetrics.prometheus();
        FoundationConfiguration foundation;
        try {
            foundation = FoundationConfiguration.of(new LiveSettings(properties, settings), metrics, metrics.registry());
        } catch (InvalidSettingException e) {
            return invalid(e); // an engine that refuses its TLS folder
        }
        // bound before Camel starts, so camel-micrometer serves the monitor's registry at /observe/metrics
        camel.bind(MonitorMetrics.REGISTRY_BEAN, metrics.registry());
        // before every other configuration: their beans and routes resolve the settings as placeholders
        camel.configure().addConfiguration(new CamelConfiguration() {
            @Override
            public void configure(CamelContext context) {
                context.getPropertiesComponent().addPropertiesSource(new ListedSettings(camelProperties));
            }
        });
        configurations(foundation, metrics, testAlert ? code -> {
            exitCode.set(code);
            camel.completed();
        } : null).forEach(camel.configure()::addConfiguration);
        // every request of the HTTP server passes its Host check (and Jolokia's callers theirs) before anything answers
        camel.configure().addConfiguration(new CamelConfiguration() {
            @Override
            public void configure(CamelContext context) throws Exception {
                context.addStartupListener(new HttpGuard(settings.api(), RouteValues.JOLOKIA_PATH));
            }
        });
        // the monitor loads the routes itself (RouteFiles): bundled first, the user's ROUTES_DIR and routes pattern over them
        camel.configure().setRoutesCollectorEnabled(false);
        camel.configure().addConfiguration(new RouteFiles(workDir.resolve(settings.routesDir()), settings.routesReload(),
                camel.configure()));

        // the stores have created their files by now: those too become the monitor's user's alone
        camel.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport main) {
                try {
                    DataFolder.prepare(settings.dataDir());
                } catch (IOException e) {
                    LOG.warn("Data folder {}: cannot restrict its files to the monitor's user: {}", settings.dataDir(), e.toString());
                }
            }
        });

        // Handling the signals here (instead of the JVM's shutdown hook) lets Camel finish in-flight work and the
        // process exit 0, as a supervisor expects of a clean stop.
        Signal.handle(new Signal("TERM"), signal -> camel.completed());
        Signal.handle(new Signal("INT"), signal -> camel.completed());
        try {
            camel.run(List.of(args).stream().filter(arg -> !arg.equals("--test-alert")).toArray(String[]::new));
        } catch (Exception e) {
            InvalidRoutesException invalid = ObjectHelper.getException(InvalidRoutesException.class, e);
            if (invalid != null) {
                System.err.println("docker-health-monitor: invalid routes: " + invalid.getMessage());
                return EXIT_BAD_CONFIGURATION;
            }
            // a setting only Camel can check (an endpoint URI) is found wrong while Camel starts
            InvalidSettingException setting = ObjectHelper.getException(InvalidSettingException.class, e);
            if (setting != null) {
                return invalid(setting);
            }
            throw e;
        }
        return exitCode.get();
    }

    private static int invalid(InvalidSettingException e) {
        System.err.println("docker-health-monitor: invalid configuration: " + e.getMessage());
        return EXIT_BAD_CONFIGURATION;
    }

    /**
     * One configuration per stage, each binding the beans its routes call and taking what it needs of the ones before
     * it, in the order they are configured (the start-up resume before observe starts the event streams). With
     * {@code testAlertDone} set (--test-alert) nothing is resumed or observed.
     */
    public static List<CamelConfiguration> configurations(FoundationConfiguration foundation, MonitorMetrics metrics,
                                                          IntConsumer testAlertDone) {
        Settings settings = foundation.settings();
        boolean observing = testAlertDone == null;
        TraceConfiguration traces = new TraceConfiguration(settings);
        ClusterConfiguration cluster = new ClusterConfiguration(settings.cluster(), foundation.leadership());
        CheckConfiguration check = new CheckConfiguration(foundation);
        ObserveConfiguration observe = new ObserveConfiguration(foundation.engine(), foundation.tracker(),
                foundation.lifecycle(), check.customChecks(), foundation.clock(), settings.engines().named(), observing);
        DecideConfiguration decide = new DecideConfiguration(foundation);
        RootcauseConfiguration rootcause = new RootcauseConfiguration(foundation);
        DispatchConfiguration dispatch = new DispatchConfiguration(foundation);
        // the mail and SES channels before the endpoint channel, which checks endpoint URIs that may name them
        List<ChannelConfiguration> channels = List.of(new SmtpConfiguration(settings), new SesConfiguration(settings),
                new WebhookConfiguration(settings.delivery()), new EndpointConfiguration(settings),
                new FolderConfiguration());
        DeliverConfiguration deliver = new DeliverConfiguration(foundation, metrics, channels);
        ConfirmConfiguration confirm = new ConfirmConfiguration(foundation, check.customChecks(), decide.alertMemory(),
                rootcause.rootCause(), deliver.outbox()::stored);
        RepeatConfiguration repeat = new RepeatConfiguration(foundation, decide.acknowledgements());
        HealConfiguration heal = new HealConfiguration(foundation, check.customChecks(), rootcause.rootCause());
        SignalConfiguration signal = new SignalConfiguration(foundation, heal.healer());
        ResourceConfiguration resource = new ResourceConfiguration(foundation, check.customChecks());
        EvidenceConfiguration evidence = new EvidenceConfiguration(foundation, resource);
        AckConfiguration ack = new AckConfiguration(foundation, decide.acknowledgements(), deliver.alertRecords(),
                deliver.ackLinks());
        ApiConfiguration api = new ApiConfiguration(foundation, new ApiConfiguration.Stages(observe.observer(),
                check.customChecks(), decide.acknowledgements(), dispatch.silences(), deliver.alertRecords(), heal,
                resource.resourceWatch(), evidence.evidenceTimeline(), ack.acknowledger()));
        HeartbeatConfiguration heartbeat = new HeartbeatConfiguration(foundation, metrics);
        OpsConfiguration ops = new OpsConfiguration(foundation, metrics, heal.healBook(), confirm.confirmations(), deliver,
                resource.resourceWatch());
        CamelConfiguration start = observing ? new StartupResume(foundation, decide.alertMemory(), confirm.confirmations(),
                confirm.confirmWait())
                : new TestAlert(foundation, dispatch, deliver, testAlertDone);
        List<CamelConfiguration> all = new ArrayList<>(List.of(foundation, traces, cluster, check, decide, rootcause,
                confirm, repeat, dispatch));
        all.addAll(channels);
        all.addAll(List.of(deliver, heal, signal, resource, evidence, ack, api, heartbeat, ops, start, observe));
        return all;
    }
}
