package io.dhm;

import io.dhm.config.LiveSettings;
import io.dhm.config.Settings;
import io.dhm.confirm.Confirmation;
import io.dhm.confirm.LatestTransition;
import io.dhm.decide.AlertMemory;
import io.dhm.observe.ContainerTracker;
import io.dhm.observe.Observer;
import io.dhm.repeat.RepeatSchedule;
import io.dhm.observe.Transition;
import io.dhm.config.DeliverySettings;
import io.dhm.deliver.Channel;
import io.dhm.deliver.DeliveryLoop;
import io.dhm.deliver.Outbox;
import io.dhm.deliver.TestDelivery;
import io.dhm.dispatch.AlertRouter;
import io.dhm.dispatch.Cooldown;
import io.dhm.engine.DockerGateway;
import io.dhm.observe.EngineEventStream;
import io.dhm.alert.AlertFactory;
import io.dhm.alert.AlertText;
import io.dhm.deliver.smtp.SmtpChannel;
import io.dhm.deliver.folder.FolderChannel;
import io.dhm.deliver.ses.SesChannel;
import io.dhm.deliver.ses.SesEndpoint;
import io.dhm.deliver.smtp.SmtpEndpoint;
import io.dhm.deliver.webhook.WebhookChannel;
import io.dhm.store.Database;
import io.dhm.api.ApiAccess;
import io.dhm.api.ChecksApi;
import io.dhm.api.ConfigApi;
import io.dhm.api.ContainersApi;
import io.dhm.api.HistoryApi;
import io.dhm.api.SilencesApi;
import io.dhm.api.StatusApi;
import io.dhm.check.CustomChecks;
import io.dhm.heal.ExitWatch;
import io.dhm.heal.HealBook;
import io.dhm.heal.Healer;
import io.dhm.heal.RestartPolicy;
import io.dhm.history.History;
import io.dhm.dispatch.Silences;
import io.dhm.resource.ResourceWatch;
import io.dhm.observe.MonitoringChoice;
import io.dhm.ops.DeliveryHealthCheck;
import io.dhm.ops.DockerHealthCheck;
import io.dhm.ops.MonitorMetrics;
import io.dhm.ops.MonitorState;
import io.dhm.ops.MonitorStatus;
import io.dhm.signal.LogPatternWatch;
import io.dhm.signal.RestartLoopWatch;
import io.dhm.signal.SignalContext;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.apache.camel.StartupListener;
import org.apache.camel.component.leveldb.LevelDBAggregationRepository;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.support.service.ServiceHelper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/** Binds the beans the YAML routes call, and starts the engine event stream once the routes run. */
public class MonitorConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(MonitorConfiguration.class);

    private final Settings settings;
    private final LiveSettings live;
    private final Clock clock = Clock.systemDefaultZone();
    private final MonitorMetrics metrics = MonitorMetrics.prometheus();
    private final DockerGateway docker;
    private final ContainerTracker tracker = new ContainerTracker();
    private final LevelDBAggregationRepository confirmations;
    private final List<Transition> resumed = new ArrayList<>();
    private final Database database;
    private final AlertMemory alertMemory;
    private final History history;
    private final HealBook healBook;
    private final CustomChecks customChecks;
    private final ExitWatch exitWatch = new ExitWatch(clock);
    private final Healer healer;
    private final Silences silences;
    private final MonitoringChoice monitoringChoice;
    private final ApiAccess apiAccess;
    private final ResourceWatch resourceWatch;

    /** Set for --test-alert: receives the exit code once the test alert went through every channel. */
    private final IntConsumer testAlertDone;

    public MonitorConfiguration(LiveSettings live, IntConsumer testAlertDone) {
        this.live = live;
        this.settings = live.current();
        this.testAlertDone = testAlertDone;
        this.docker = new DockerGateway(settings, metrics);
        this.confirmations = new LevelDBAggregationRepository("confirmations",
                settings.dataDir().resolve("confirmations.leveldb").toString());
        this.confirmations.setUseRecovery(true);
        this.confirmations.setSync(true); // a pending wait must survive a SIGKILL or power loss, not only a clean stop
        DeliverySettings delivery = settings.delivery();
        this.database = new Database(delivery.outboxJdbcUrl(), delivery.outboxJdbcUser(), delivery.outboxJdbcPassword());
        this.alertMemory = new AlertMemory(database);
        this.history = new History(database, settings.watch().historyRetention(), clock);
        this.healBook = new HealBook(database);
        this.customChecks = new CustomChecks(settings.watch(), docker, history, database, clock);
        this.silences = new Silences(database, clock);
        this.monitoringChoice = new MonitoringChoice(tracker, database);
        this.apiAccess = new ApiAccess(settings.api().token());
        this.resourceWatch = new ResourceWatch(settings.resources(), docker, tracker, customChecks, alertFactory(), clock);
        this.healer = new Healer(() -> live.current().heal(), healBook, new Healer.Sources(docker, tracker, customChecks, exitWatch),
                alertFactory(), history, clock, settings.logLines());
    }

    /**
     * The one Micrometer registry. MonitorApplication binds it as {@link MonitorMetrics#REGISTRY_BEAN} before Camel
     * starts, so that camel-micrometer finds it (rather than making its own) and adds the route metrics to it.
     */
    public MeterRegistry metricsRegistry() {
        return metrics.registry();
    }

    @BindToRegistry
    public MonitorMetrics monitorMetrics() {
        return metrics;
    }

    @BindToRegistry
    public Silences silences() {
        return silences;
    }

    @BindToRegistry
    public History history() {
        return history;
    }

    @BindToRegistry
    public CustomChecks customChecks() {
        return customChecks;
    }

    @BindToRegistry
    public ExitWatch exitWatch() {
        return exitWatch;
    }

    @BindToRegistry
    public Healer healer() {
        return healer;
    }

    @BindToRegistry
    public RestartLoopWatch restartLoops() {
        return new RestartLoopWatch(settings.watch(), signalContext());
    }

    @BindToRegistry
    public LogPatternWatch logPatterns() {
        return new LogPatternWatch(settings.watch(), signalContext());
    }

    @BindToRegistry
    public ResourceWatch resourceWatch() {
        return resourceWatch;
    }

    @BindToRegistry
    public ApiAccess apiAccess() {
        return apiAccess;
    }

    @BindToRegistry
    public StatusApi statusApi() {
        return new StatusApi(docker, tracker, healBook, silences, live, apiAccess, clock);
    }

    @BindToRegistry
    public ContainersApi containersApi() {
        return new ContainersApi(docker, tracker, monitoringChoice, healer, history, settings.confirmWait(), resourceWatch);
    }

    @BindToRegistry
    public SilencesApi silencesApi() {
        return new SilencesApi(silences, clock);
    }

    @BindToRegistry
    public ChecksApi checksApi() {
        return new ChecksApi(customChecks);
    }

    @BindToRegistry
    public ConfigApi configApi() {
        return new ConfigApi(live);
    }

    private SignalContext signalContext() {
        return new SignalContext(docker, healer, alertFactory(), history, clock, settings.logLines());
    }

    @BindToRegistry
    public AlertMemory alertMemory() {
        return alertMemory;
    }

    @BindToRegistry
    public Observer observer() {
        return new Observer(docker, tracker, customChecks, clock);
    }

    @BindToRegistry
    public Confirmation confirmation() {
        return new Confirmation(docker, customChecks, tracker, alertMemory, alertFactory(), settings.confirmWait(),
                settings.logLines());
    }

    @BindToRegistry
    public AlertFactory alertFactory() {
        return new AlertFactory(settings.serverName(), clock);
    }

    @BindToRegistry
    public AlertRouter alertRouter() {
        return new AlertRouter(settings);
    }

    @BindToRegistry
    public AlertText alertText() {
        return new AlertText(settings.delivery().templatesDir());
    }

    @BindToRegistry
    public LatestTransition latestTransition() {
        return new LatestTransition();
    }

    /** Pending confirmations live on disk, so a restart does not forget a container that is mid-wait. */
    @BindToRegistry
    public LevelDBAggregationRepository confirmations() {
        return confirmations;
    }

    @BindToRegistry
    public RepeatSchedule repeatSchedule() {
        return new RepeatSchedule(tracker, clock, settings.delivery().repeatInterval());
    }

    @BindToRegistry
    public Cooldown cooldown() {
        return new Cooldown(() -> live.current().delivery().cooldown(), clock);
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        if (settings.smtpConfigured()) {
            context.getRegistry().bind(SmtpEndpoint.scheme(settings), SmtpEndpoint.component(settings));
        }
        if (settings.delivery().sesEnabled()) {
            context.getRegistry().bind(SesEndpoint.SCHEME, SesEndpoint.component(settings));
        }
        // custom checks and restarts run side by side, so one slow probe or stop timeout does not hold up the rest
        context.getRegistry().bind("checkPool", context.getExecutorServiceManager().newFixedThreadPool(this, "custom-checks", 8));
        context.getRegistry().bind("healPool", context.getExecutorServiceManager().newFixedThreadPool(this, "auto-heal", 4));
        context.getRegistry().bind("statsPool", context.getExecutorServiceManager().newFixedThreadPool(this, "resource-stats", 32));
        ProducerTemplate producer = context.createProducerTemplate();
        List<Channel> channels = channels(producer);
        Outbox outbox = openOutbox();
        context.getRegistry().bind("historyApi", new HistoryApi(history, outbox));
        DeliveryLoop deliveryLoop = new DeliveryLoop(outbox, channels, clock,
                settings.delivery().groupWait(), settings.delivery().maxAge(), metrics);
        context.getRegistry().bind("deliveryLoop", deliveryLoop);
        context.addService(deliveryLoop, true, true);
        operations(context, deliveryLoop);
        EngineEventStream events = new EngineEventStream(docker,
                event -> producer.sendBody("direct:engine-event", event),
                () -> producer.asyncSendBody("direct:poll-engine", null));
        context.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarting(CamelContext starting, boolean alreadyStarted) throws SQLException {
                // before the poll timer runs, or its first poll would start every resumed wait over
                resumePendingConfirmations(starting);
            }

            @Override
            public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
                // the event stream needs the routes, which run only once the context is fully started
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext started, boolean alreadyStarted) throws Exception {
                if (testAlertDone != null) {
                    sendTestAlert(started, channels);
                    return;
                }
                restartResumedTimeouts(producer);
                started.addService(events, true, true);
            }
        });
    }

    /** Health checks (readiness: the engine and the channels), the dhm_containers gauge and the JMX view. */
    private void operations(CamelContext context, DeliveryLoop deliveryLoop) throws Exception {
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health != null) {
            health.register(new DockerHealthCheck(docker));
            health.register(new DeliveryHealthCheck(deliveryLoop));
        }
        MonitorState state = new MonitorState(tracker, healBook, new RestartPolicy(settings.heal()), clock);
        metrics.watch(state::census);
        metrics.watchResources(resourceWatch::latest);
        context.addService(new MonitorStatus(state, confirmations, deliveryLoop), true, true);
    }

    /** --test-alert: only the channel routes run (nothing is observed), then the monitor exits. */
    private void sendTestAlert(CamelContext context, List<Channel> channels) throws Exception {
        for (Route route : context.getRoutes()) {
            if (route.getRouteId().startsWith("channel-") || route.getRouteId().equals("render-email")) {
                context.getRouteController().startRoute(route.getRouteId());
            }
        }
        testAlertDone.accept(TestDelivery.run(alertFactory().test(), alertRouter(), channels, System.out));
    }

    private Outbox openOutbox() throws SQLException {
        Outbox outbox = new Outbox(database);
        try {
            outbox.open();
            alertMemory.open();
            healBook.open();
            history.open();
            customChecks.open();
            silences.open();
            monitoringChoice.open();
        } catch (SQLException e) {
            throw new SQLException("cannot open the monitor's database at " + database.url() + " (OUTBOX_JDBC_URL): "
                    + e.getMessage(), e);
        }
        return outbox;
    }

    /** Every channel an alert can be routed to; AlertRouter only routes to the configured ones. */
    private List<Channel> channels(ProducerTemplate producer) {
        return List.of(new SmtpChannel(producer), new SesChannel(producer),
                new WebhookChannel(producer, settings.delivery()), new FolderChannel(producer));
    }

    /** Containers that were mid-wait when the monitor stopped keep their place in the tracker... */
    private void resumePendingConfirmations(CamelContext context) throws SQLException {
        List<Transition> alerted = alertMemory.all();
        alerted.forEach(tracker::resumeAlerted);
        if (!alerted.isEmpty()) {
            LOG.info("{} containers were alerted before the restart and have not recovered: {}", alerted.size(),
                    alerted.stream().map(transition -> transition.container().name()).toList());
        }
        ServiceHelper.startService(confirmations);
        for (String key : confirmations.getKeys()) {
            Exchange pending = confirmations.get(context, key);
            Transition transition = pending == null ? null : pending.getMessage().getBody(Transition.class);
            if (transition != null) {
                tracker.resumePending(transition);
                resumed.add(transition);
            }
        }
    }

    /** ...and, since the aggregator does not persist its timers, get a timer for what was left of their wait. */
    private void restartResumedTimeouts(ProducerTemplate producer) {
        for (Transition transition : resumed) {
            long remaining = settings.confirmWait().minus(Duration.between(transition.at(), clock.instant())).toMillis();
            LOG.info("Resuming the wait for {} [{}]: {} since {}, {} s left", transition.container().name(),
                    transition.container().projectLabel(), transition.to(), transition.troubleSince(),
                    Math.max(0, remaining) / 1000);
            producer.sendBodyAndHeader("direct:confirm", transition, Confirmation.REMAINING_WAIT, remaining);
        }
        resumed.clear();
    }
}
