package io.dhm.ack;

/** An acknowledgement that cannot be given, and why; nothing was changed. */
public class AckRefused extends RuntimeException {

    public enum Reason {
        /** No alert has this id (404). */
        UNKNOWN_ALERT,
        /** The alert is known, but its episode is over or it is not one that can be acknowledged (409). */
        NOT_ALERTED,
        /** A field of the request is missing or too long (400); {@link #field()} names it. */
        BAD_INPUT
    }

    private final Reason reason;
    private final String field;

    private AckRefused(Reason reason, String field, String message) {
        super(message);
        this.reason = reason;
        this.field = field;
    }

    static AckRefused unknownAlert(String alertId) {
        return new AckRefused(Reason.UNKNOWN_ALERT, null, "alert " + alertId + " not found");
    }

    static AckRefused notAlerted(String message) {
        return new AckRefused(Reason.NOT_ALERTED, null, message);
    }

    static AckRefused badInput(String field, String message) {
        return new AckRefused(Reason.BAD_INPUT, field, message);
    }

    public Reason reason() {
        return reason;
    }

    /** The request field at fault, or null. */
    public String field() {
        return field;
    }

    /** The HTTP status of the refusal, for the API and the link pages alike. */
    public int httpStatus() {
        return switch (reason) {
            case UNKNOWN_ALERT -> 404;
            case NOT_ALERTED -> 409;
            case BAD_INPUT -> 400;
        };
    }
}
