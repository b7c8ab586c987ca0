package io.dhm.deliver.ses;

import io.dhm.config.DeliverySettings;
import io.dhm.config.Settings;
import org.apache.camel.component.aws2.ses.Ses2Component;
import org.apache.camel.component.aws2.ses.Ses2Configuration;

/**
 * camel-aws2-ses set up from the settings: the SES region (AWS_REGION), static credentials when AWS_ACCESS_KEY_ID and
 * AWS_SECRET_ACCESS_KEY are both set, else the AWS default credentials chain (environment, profile, container or
 * instance role), and the endpoint of AWS_ENDPOINT_URL_SES or AWS_ENDPOINT_URL when one is given (an SES emulator,
 * a VPC endpoint). The ses channel route sends to {@link #uri}; the component bound under "aws2-ses" holds the
 * credentials, so they never appear in an endpoint URI, a log line or the route model.
 */
public final class SesEndpoint {

    public static final String SCHEME = "aws2-ses";

    private SesEndpoint() {
    }

    /** The sender address is the endpoint's path: SES's Source, which must be a verified identity. */
    public static String uri(Settings settings) {
        return SCHEME + "://" + settings.senderEmail();
    }

    public static Ses2Component component(Settings settings) {
        DeliverySettings delivery = settings.delivery();
        Ses2Configuration ses = new Ses2Configuration();
        ses.setRegion(delivery.awsRegion().orElseThrow(
                () -> new IllegalStateException("SES needs a region (AWS_REGION)")));
        if (delivery.awsAccessKeyId().isPresent() && delivery.awsSecretAccessKey().isPresent()) {
            ses.setUseDefaultCredentialsProvider(false);
            ses.setAccessKey(delivery.awsAccessKeyId().get());
            ses.setSecretKey(delivery.awsSecretAccessKey().get());
        } else {
            ses.setUseDefaultCredentialsProvider(true);
        }
        delivery.sesEndpoint().ifPresent(endpoint -> {
            ses.setOverrideEndpoint(true);
            ses.setUriEndpointOverride(endpoint.toString());
        });
        Ses2Component component = new Ses2Component();
        component.setConfiguration(ses);
        return component;
    }
}
