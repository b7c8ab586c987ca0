package io.dhm.deliver.ses;

import io.dhm.deliver.Batch;
import io.dhm.deliver.Channel;
import io.dhm.deliver.DeliveryResult;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.aws2.ses.Ses2Constants;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Email through Amazon SES: hands the batch to the {@code channel-ses} route (routes/deliver-ses.camel.yaml), which renders
 * it and calls SES through camel-aws2-ses, and turns what came back into a {@link DeliveryResult}. The route neither
 * retries nor handles exceptions; whether a failure is worth another try is decided here, in {@link #classify}.
 */
public class SesChannel implements Channel {

    public static final String NAME = "ses";
    public static final String ROUTE = "direct:channel-ses";

    private final ProducerTemplate producer;

    public SesChannel(ProducerTemplate producer) {
        this.producer = producer;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DeliveryResult deliver(Batch batch) {
        Exchange exchange = producer.send(ROUTE, ex -> ex.getIn().setBody(batch));
        Exception failure = exchange.getException();
        if (failure != null) {
            return classify(failure);
        }
        String messageId = exchange.getMessage().getHeader(Ses2Constants.MESSAGE_ID, String.class);
        return DeliveryResult.delivered("SES message id " + messageId + " to " + String.join(", ", batch.addresses()));
    }

    /**
     * What a failed send means. Throttling (SES's sending-rate and daily-quota errors), HTTP 5xx and client-side
     * failures (connection refused, timeouts, credentials that could not be loaded) may pass: RETRY. Any other
     * answer from SES with a 4xx status (MessageRejected, an unverified address, bad credentials, a bad parameter)
     * will be the same next time: FAILED. Anything else: RETRY. Camel may wrap the AWS exception, so the cause chain
     * is searched.
     */
    static DeliveryResult classify(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < 16; depth++, cause = cause.getCause()) {
            if (cause instanceof AwsServiceException service) {
                return classifyService(service);
            }
            if (cause instanceof SdkClientException client) {
                return DeliveryResult.retry("SES call failed before an answer: " + client.getMessage());
            }
        }
        return DeliveryResult.retry("SES send failed: " + failure);
    }

    private static DeliveryResult classifyService(AwsServiceException service) {
        int status = service.statusCode();
        String reason = "SES answered " + status + " " + errorCode(service) + ": " + errorMessage(service);
        if (service.isThrottlingException() || status >= 500 || status < 400) {
            return DeliveryResult.retry(reason);
        }
        return DeliveryResult.failed(reason);
    }

    private static String errorCode(AwsServiceException service) {
        AwsErrorDetails details = service.awsErrorDetails();
        return details != null && details.errorCode() != null ? details.errorCode() : "error";
    }

    private static String errorMessage(AwsServiceException service) {
        AwsErrorDetails details = service.awsErrorDetails();
        return details != null && details.errorMessage() != null ? details.errorMessage() : service.getMessage();
    }
}
