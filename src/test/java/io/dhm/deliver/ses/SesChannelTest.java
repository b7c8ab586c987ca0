package io.dhm.deliver.ses;

import io.dhm.alert.Alert;
import io.dhm.alert.Severity;
import io.dhm.deliver.Batch;
import io.dhm.deliver.DeliveryResult;
import io.dhm.deliver.DeliveryResult.Outcome;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.aws2.ses.Ses2Constants;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ses.model.MessageRejectedException;
import software.amazon.awssdk.services.ses.model.SesException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.ZonedDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SesChannelTest {

    private static SesException ses(int status, String code, String message) {
        return (SesException) SesException.builder()
                .statusCode(status)
                .message(message)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
                .build();
    }

    private static Outcome outcome(Throwable failure) {
        return SesChannel.classify(failure).outcome();
    }

    @Test
    void throttlingIsRetried() {
        // SES's "Maximum sending rate exceeded" and "Daily message quota exceeded" come as 400 Throttling.
        assertEquals(Outcome.RETRY, outcome(ses(400, "Throttling", "Maximum sending rate exceeded.")));
        assertEquals(Outcome.RETRY, outcome(ses(429, "TooManyRequestsException", "slow down")));
    }

    @Test
    void serverErrorsAreRetried() {
        assertEquals(Outcome.RETRY, outcome(ses(500, "InternalFailure", "internal error")));
        assertEquals(Outcome.RETRY, outcome(ses(503, "ServiceUnavailable", "unavailable")));
    }

    @Test
    void clientSideFailuresAreRetried() {
        assertEquals(Outcome.RETRY, outcome(SdkClientException.create(
                "Unable to execute HTTP request: Connection refused", new ConnectException("Connection refused"))));
        assertEquals(Outcome.RETRY, outcome(ApiCallTimeoutException.create(30_000)));
        assertEquals(Outcome.RETRY, outcome(SdkClientException.create("Unable to load credentials from any of the providers")));
    }

    @Test
    void rejectionsFailForGood() {
        MessageRejectedException rejected = (MessageRejectedException) MessageRejectedException.builder()
                .statusCode(400)
                .message("Email address is not verified.")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("MessageRejected")
                        .errorMessage("Email address is not verified. The following identities failed the check: ops@example.com").build())
                .build();
        DeliveryResult result = SesChannel.classify(rejected);
        assertEquals(Outcome.FAILED, result.outcome());
        assertTrue(result.detail().contains("MessageRejected"), result.detail());
        assertTrue(result.detail().contains("not verified"), result.detail());
    }

    @Test
    void badCredentialsAndParametersFailForGood() {
        assertEquals(Outcome.FAILED, outcome(ses(403, "InvalidClientTokenId", "The security token included in the request is invalid.")));
        assertEquals(Outcome.FAILED, outcome(ses(403, "SignatureDoesNotMatch", "The request signature we calculated does not match")));
        assertEquals(Outcome.FAILED, outcome(ses(400, "InvalidParameterValue", "Missing final '@domain'")));
    }

    @Test
    void wrappedCausesAreFound() {
        assertEquals(Outcome.FAILED, outcome(new CamelExecutionException("send failed", null,
                ses(400, "MessageRejected", "Email address is not verified."))));
        assertEquals(Outcome.RETRY, outcome(new RuntimeException(SdkClientException.create("Read timed out"))));
    }

    @Test
    void anythingElseIsRetried() {
        assertEquals(Outcome.RETRY, outcome(new IllegalStateException("boom")));
        assertEquals(Outcome.RETRY, outcome(new UncheckedIOException(new IOException("disk full"))));
    }

    @Test
    void deliverReportsTheMessageIdOrTheClassifiedFailure() throws Exception {
        Alert alert = new Alert("a1", Severity.CRITICAL, "Production", "shop", "web", "0123456789abcdef", "nginx:1",
                "healthy", "unhealthy", ZonedDateTime.now(), "health check failed", "", "", List.of("ops@example.com"));
        try (CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    errorHandler(noErrorHandler());
                    from(SesChannel.ROUTE).choice()
                            .when(simple("${body.target()} contains 'rejected'"))
                            .throwException(ses(400, "MessageRejected", "Email address is not verified."))
                            .otherwise()
                            .setHeader(Ses2Constants.MESSAGE_ID, constant("msg-1"));
                }
            });
            context.start();
            ProducerTemplate producer = context.createProducerTemplate();
            SesChannel channel = new SesChannel(producer);
            assertEquals("ses", channel.name());

            DeliveryResult sent = channel.deliver(new Batch("ses", "ops@example.com, dev@example.com", List.of(alert)));
            assertEquals(Outcome.DELIVERED, sent.outcome());
            assertEquals("SES message id msg-1 to ops@example.com, dev@example.com", sent.detail());

            DeliveryResult rejected = channel.deliver(new Batch("ses", "rejected@example.com", List.of(alert)));
            assertEquals(Outcome.FAILED, rejected.outcome());
        }
    }
}
