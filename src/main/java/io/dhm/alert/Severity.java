package io.dhm.alert;

/** The three health alert severities, and WARNING for a resource near its limit. */
public enum Severity { CRITICAL, ERROR, WARNING, INFO }
