package io.dhm.config;

/** A setting that cannot be used; the message names the variable so the operator knows what to fix. */
public class InvalidSettingException extends RuntimeException {

    public InvalidSettingException(String variable, String problem) {
        super(variable + ": " + problem);
    }
}
