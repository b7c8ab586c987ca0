package io.dhm;

import io.dhm.route.RouteFiles;
import io.dhm.route.RouteValues;
import io.dhm.api.guard.HttpGuard;
import io.dhm.config.InvalidSettingException;
import io.dhm.config.ListedSettings;
import io.dhm.config.LiveSettings;
import io.dhm.config.SecretValues;
import io.dhm.config.SettingSources;
import io.dhm.config.Settings;
import io.dhm.ops.MonitorMetrics;
import io.dhm.store.DataFolder;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Properties;
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
        FoundationConfiguration foundation;
        try {
            foundation = FoundationConfiguration.of(new LiveSettings(properties, settings));
        } catch (InvalidSettingException e) {
            return invalid(e); // an engine that refuses its TLS folder
        }
        // bound before Camel starts, so camel-micrometer serves the monitor's registry at /observe/metrics
        camel.bind(MonitorMetrics.REGISTRY_BEAN, foundation.monitorMetrics().registry());
        // before every other configuration: their beans and routes resolve the settings as placeholders
        camel.configure().addConfiguration(new CamelConfiguration() {
            @Override
            public void configure(CamelContext context) {
                context.getPropertiesComponent().addPropertiesSource(new ListedSettings(camelProperties));
            }
        });
        configurations(foundation, testAlert ? code -> {
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
            RouteFiles.InvalidRoutesException invalid = ObjectHelper.getException(RouteFiles.InvalidRoutesException.class, e);
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
     * One configuration per concern, in pipeline order: each binds the beans its routes call, and takes what it needs
     * of the ones before it. With {@code testAlertDone} set (--test-alert) nothing is resumed or observed.
     */
    static List<CamelConfiguration> configurations(FoundationConfiguration foundation, IntConsumer testAlertDone) {
        TraceConfiguration traces = new TraceConfiguration(foundation.settings());
        ClusterConfiguration cluster = new ClusterConfiguration(foundation);
        ObservationConfiguration observation = new ObservationConfiguration(foundation);
        ConfirmConfiguration confirm = new ConfirmConfiguration(foundation, observation);
        DispatchConfiguration dispatch = new DispatchConfiguration(foundation);
        DeliveryConfiguration delivery = new DeliveryConfiguration(foundation);
        HealConfiguration heal = new HealConfiguration(foundation, observation, confirm);
        ResourceConfiguration resources = new ResourceConfiguration(foundation, observation);
        EvidenceConfiguration evidence = new EvidenceConfiguration(foundation, resources);
        OperationsConfiguration operations = new OperationsConfiguration(foundation, observation, confirm, dispatch,
                delivery, heal, resources, evidence);
        CamelConfiguration start = testAlertDone != null ? new TestAlert(foundation, dispatch, delivery, testAlertDone)
                : new StartupResume(foundation, observation, confirm);
        return List.of(foundation, traces, cluster, observation, confirm, dispatch, delivery, heal, resources, evidence, operations, start);
    }
}
