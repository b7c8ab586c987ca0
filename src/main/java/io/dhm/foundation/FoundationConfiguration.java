package io.dhm.foundation;

import io.dhm.alert.AlertFactory;
import io.dhm.alert.SeverityPolicy;
import io.dhm.cluster.Leadership;
import io.dhm.config.InvalidSettingException;
import io.dhm.config.LiveSettings;
import io.dhm.config.SecretPlaceholders;
import io.dhm.config.Settings;
import io.dhm.engine.DockerGateway;
import io.dhm.engine.Engine;
import io.dhm.history.History;
import io.dhm.observe.ContainerTracker;
import io.dhm.observe.Lifecycle;
import io.dhm.observe.WatchScope;
import io.dhm.store.DataFolderSpace;
import io.dhm.store.Database;
import io.dhm.store.Schema;
import io.dhm.store.StorageFailures;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * What every stage shares: the settings, the clock, the engine, the container tracker and lifecycle (the model the
 * observe stage keeps), the leadership, the monitor's database with its history, and the alert factory. The stages'
 * configurations take it in their constructors.
 */
public class FoundationConfiguration implements CamelConfiguration {

    /** One store's start: reads what it keeps in memory (the schema is migrated by then). */
    @FunctionalInterface
    public interface Store {
        void open() throws SQLException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(FoundationConfiguration.class);
    /** How often a start-up whose data folder is full tries again to open the database. */
    private static final Duration OPEN_RETRY = Duration.ofSeconds(5);

    private final LiveSettings live;
    private final Clock clock;
    private final Engine engine;
    private final PipelineMeters meters;
    private final ContainerTracker tracker;
    private final Lifecycle lifecycle = new Lifecycle();
    private final Leadership leadership;
    private final Database database;
    private final History history;
    private final DataFolderSpace dataFolderSpace;
    private final AlertFactory alertFactory;

    /**
     * The monitor as it runs: the system clock, the engine and the database the settings name; {@code engineCalls}
     * counts the calls to the engine (the metrics).
     */
    public static FoundationConfiguration of(LiveSettings live, DockerGateway.CallObserver engineCalls,
                                             MeterRegistry registry) {
        Settings settings = live.current();
        return new FoundationConfiguration(live, Clock.systemDefaultZone(), DockerGateway.connect(settings.engines(), engineCalls), registry,
                new Database(settings.database().url(), settings.database().user(), settings.database().password()));
    }

    /** @param registry the monitor's metrics, which the stages' routes count into ({@link PipelineMeters}) */
    public FoundationConfiguration(LiveSettings live, Clock clock, Engine engine, MeterRegistry registry,
                                   Database database) {
        this.live = live;
        this.clock = clock;
        this.meters = new PipelineMeters(registry);
        this.engine = engine;
        this.database = database;
        Settings settings = live.current();
        this.leadership = settings.cluster().enabled() ? Leadership.elected() : Leadership.single();
        this.dataFolderSpace = new DataFolderSpace(settings.dataDir());
        this.history = new History(database, settings.watch().historyRetention(), clock, leadership::leader);
        this.alertFactory = new AlertFactory(settings.serverName(), clock,
                new SeverityPolicy(settings.lifecycle().severities()));
        this.tracker = new ContainerTracker(WatchScope.valueOf(settings.lifecycle().scope().toUpperCase(Locale.ROOT)));
    }

    @Override
    public void configure(CamelContext context) throws SQLException {
        SecretPlaceholders.install(context, live);
        // before any store opens: every table is the migrated schema's
        open(() -> Schema.migrate(database));
    }

    /**
     * Opens stores in the monitor's database; a failure names the database and the setting that chose it. A data
     * folder too full (or read-only) to open it in is waited for, saying so once: a monitor started on a full disk
     * starts once there is space, rather than crash-looping under its supervisor.
     */
    public void open(Store... stores) throws SQLException {
        boolean waited = false;
        while (true) {
            try {
                for (Store store : stores) {
                    store.open();
                }
                if (waited) {
                    LOG.info("Data folder {}: the database is open, starting", dataFolderSpace.folder());
                }
                return;
            } catch (SQLException e) {
                if (!StorageFailures.isStorageFailure(e) || dataFolderSpace.check().isEmpty()) {
                    throw cannotOpen(e);
                }
                if (!waited) {
                    LOG.warn("Data folder {}: the database cannot be opened ({}): waiting for space, trying again every {} s",
                            dataFolderSpace.folder(), StorageFailures.reason(e), OPEN_RETRY.toSeconds());
                    waited = true;
                }
                pause();
            }
        }
    }

    private InvalidSettingException cannotOpen(SQLException e) {
        // a start-up that cannot use its database stops naming the setting, as a bad setting does (exit 2)
        InvalidSettingException invalid = new InvalidSettingException(settings().database().urlVariable(), "cannot open the monitor's"
                + " database at " + database.url().replaceAll("(?i)(password=)[^&;]*", "$1********") + ": " + e.getMessage());
        invalid.initCause(e);
        return invalid;
    }

    private static void pause() throws SQLException {
        try {
            Thread.sleep(OPEN_RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for space to open the database", e);
        }
    }

    /**
     * In a highly available pair: a store that keeps a copy in memory reads it again when this instance takes over,
     * since the old leader changed the shared database meanwhile. Nothing to do for a single process.
     */
    public void reloadOnTakeOver(String what, Store store) {
        leadership.onTakeOver(() -> {
            try {
                store.open();
            } catch (SQLException e) {
                LOG.error("Cluster: {} could not be read again at the take-over: {}", what, e.getMessage());
            }
        });
    }

    public LiveSettings live() {
        return live;
    }

    /** The settings read at start-up (the live ones are {@link #live()}). */
    public Settings settings() {
        return live.current();
    }

    public Clock clock() {
        return clock;
    }

    public Engine engine() {
        return engine;
    }

    public ContainerTracker tracker() {
        return tracker;
    }

    /** What happened to each container, from its events and inspects: the observer feeds it, every stage reads it. */
    @BindToRegistry
    public Lifecycle lifecycle() {
        return lifecycle;
    }

    /** Whether this instance alerts and heals (always, unless it is one of a pair and not elected). */
    @BindToRegistry
    public Leadership leadership() {
        return leadership;
    }

    /** Whether DATA_DIR takes writes (route data-folder-space, readiness "data-folder"). */
    @BindToRegistry
    public DataFolderSpace dataFolderSpace() {
        return dataFolderSpace;
    }

    public Database database() {
        return database;
    }

    @BindToRegistry("monitorMetrics")
    public PipelineMeters pipelineMeters() {
        return meters;
    }

    @BindToRegistry
    public History history() {
        return history;
    }

    @BindToRegistry
    public AlertFactory alertFactory() {
        return alertFactory;
    }
}
