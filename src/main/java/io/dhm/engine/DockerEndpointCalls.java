package io.dhm.engine;

import com.github.dockerjava.api.exception.DockerException;
import org.apache.camel.component.docker.DockerConstants;
import org.apache.camel.component.docker.DockerEndpoint;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSentEvent;
import org.apache.camel.support.SimpleEventNotifierSupport;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Tells the {@link DockerGateway.CallObserver} (the dhm_docker_api_* metrics) of every call a docker: endpoint made,
 * as the gateway does for its own: "restart" for docker:containerrestart, "inspect" for docker:inspectcontainer. An
 * error the engine answered with (the container is gone) is an answer; anything else means it did not answer.
 */
public class DockerEndpointCalls extends SimpleEventNotifierSupport {

    private final DockerGateway.CallObserver observer;

    public DockerEndpointCalls(DockerGateway.CallObserver observer) {
        this.observer = observer;
        // Camel sends exchange events only to notifiers that ask for them
        setIgnoreExchangeEvents(false);
        setIgnoreExchangeSentEvents(false);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof ExchangeSentEvent sent && sent.getEndpoint() instanceof DockerEndpoint;
    }

    @Override
    public void notify(CamelEvent event) {
        ExchangeSentEvent sent = (ExchangeSentEvent) event;
        Exception failure = sent.getExchange().getException();
        String engine = sent.getExchange().getMessage().getHeader(DockerConstants.DOCKER_HOST, ContainerView.SINGLE_ENGINE,
                String.class);
        observer.called(engine, operation((DockerEndpoint) sent.getEndpoint()), TimeUnit.MILLISECONDS.toNanos(sent.getTimeTaken()),
                failure == null || failure instanceof DockerException);
    }

    /** restartcontainer -> restart, as the gateway names its own calls. */
    private static String operation(DockerEndpoint endpoint) {
        return endpoint.getConfiguration().getOperation().name().toLowerCase(Locale.ROOT).replace("_container", "");
    }
}
