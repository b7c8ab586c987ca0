package io.dhm.deliver;

/** What a channel made of one send: delivered, worth another try later, or failed for good. */
public record DeliveryResult(Outcome outcome, String detail) {

    public enum Outcome { DELIVERED, RETRY, FAILED }

    public static DeliveryResult delivered(String detail) {
        return new DeliveryResult(Outcome.DELIVERED, detail);
    }

    public static DeliveryResult retry(String reason) {
        return new DeliveryResult(Outcome.RETRY, reason);
    }

    public static DeliveryResult failed(String reason) {
        return new DeliveryResult(Outcome.FAILED, reason);
    }
}
