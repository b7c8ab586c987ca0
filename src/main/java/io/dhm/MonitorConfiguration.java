package io.dhm;

import io.dhm.config.Settings;
import io.dhm.confirm.Confirmation;
import io.dhm.detect.ContainerTracker;
import io.dhm.detect.Observer;
import io.dhm.dispatch.AlertRouter;
import io.dhm.docker.DockerGateway;
import io.dhm.docker.EngineEventStream;
import io.dhm.notify.AlertFactory;
import io.dhm.notify.AlertText;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.StartupListener;
import org.apache.camel.component.leveldb.LevelDBAggregationRepository;
import org.apache.camel.component.mail.MailComponent;
import org.apache.camel.component.mail.MailConfiguration;
import org.apache.camel.processor.aggregate.UseLatestAggregationStrategy;

import java.time.Clock;
import java.util.Properties;

/** Binds the beans the YAML routes call, and starts the engine event stream once the routes run. */
public class MonitorConfiguration implements CamelConfiguration {

    private static final String SMTP_TIMEOUT_MS = "15000";

    private final Settings settings;
    private final Clock clock = Clock.systemDefaultZone();
    private final DockerGateway docker;
    private final ContainerTracker tracker = new ContainerTracker();

    public MonitorConfiguration(Settings settings) {
        this.settings = settings;
        this.docker = new DockerGateway(settings);
    }

    @BindToRegistry
    public Settings settings() {
        return settings;
    }

    @BindToRegistry
    public DockerGateway dockerGateway() {
        return docker;
    }

    @BindToRegistry
    public Observer observer() {
        return new Observer(docker, tracker, clock);
    }

    @BindToRegistry
    public Confirmation confirmation() {
        return new Confirmation(docker, tracker, alertFactory(), settings.confirmWait(), settings.logLines());
    }

    @BindToRegistry
    public AlertFactory alertFactory() {
        return new AlertFactory(settings.serverName(), clock);
    }

    @BindToRegistry
    public AlertRouter alertRouter() {
        return new AlertRouter(settings.routing(), settings.smtpConfigured());
    }

    @BindToRegistry
    public AlertText alertText() {
        return new AlertText();
    }

    /** Keeps the newest transition of a container's wait; the transition itself carries when the trouble began. */
    @BindToRegistry
    public AggregationStrategy latestTransition() {
        return new UseLatestAggregationStrategy();
    }

    /** Pending confirmations live on disk, so a restart does not forget a container that is mid-wait. */
    @BindToRegistry
    public LevelDBAggregationRepository confirmations() {
        LevelDBAggregationRepository repository = new LevelDBAggregationRepository(
                "confirmations", settings.dataDir().resolve("confirmations.leveldb").toString());
        repository.setUseRecovery(true);
        return repository;
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        if (settings.smtpConfigured()) {
            String scheme = settings.smtpSecurity() == Settings.SmtpSecurity.IMPLICIT_TLS ? "smtps" : "smtp";
            context.getRegistry().bind(scheme, mailComponent(scheme));
        }
        ProducerTemplate producer = context.createProducerTemplate();
        EngineEventStream events = new EngineEventStream(docker,
                event -> producer.sendBody("direct:engine-event", event),
                () -> producer.asyncSendBody("direct:poll-engine", null));
        context.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
                // routes are not running yet here
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext started, boolean alreadyStarted) throws Exception {
                started.addService(events, true, true);
            }
        });
    }

    /** SMTP as in the seed: 587 STARTTLS (required), 465 implicit TLS, other ports STARTTLS when the server offers it. */
    private MailComponent mailComponent(String scheme) {
        MailConfiguration mail = new MailConfiguration();
        mail.setHost(settings.smtpHost().orElseThrow());
        mail.setPort(settings.smtpPort());
        mail.setFrom(settings.senderEmail());
        mail.setContentType("text/plain; charset=UTF-8");
        mail.setConnectionTimeout(Integer.parseInt(SMTP_TIMEOUT_MS));
        settings.smtpUser().ifPresent(mail::setUsername);
        settings.smtpPass().ifPresent(mail::setPassword);
        Properties javaMail = new Properties();
        String prefix = "mail." + scheme + ".";
        javaMail.setProperty(prefix + "auth", String.valueOf(settings.smtpUser().isPresent()));
        javaMail.setProperty(prefix + "timeout", SMTP_TIMEOUT_MS);
        javaMail.setProperty(prefix + "writetimeout", SMTP_TIMEOUT_MS);
        switch (settings.smtpSecurity()) {
            case STARTTLS_REQUIRED -> {
                javaMail.setProperty(prefix + "starttls.enable", "true");
                javaMail.setProperty(prefix + "starttls.required", "true");
            }
            case STARTTLS_IF_OFFERED -> javaMail.setProperty(prefix + "starttls.enable", "true");
            case IMPLICIT_TLS -> javaMail.setProperty(prefix + "ssl.enable", "true");
        }
        mail.setAdditionalJavaMailProperties(javaMail);
        return new MailComponent(mail);
    }
}
