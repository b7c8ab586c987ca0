package io.dhm.alert;

/** The seed's three alert severities, and seed 03's WARNING for a resource near its limit. */
public enum Severity { CRITICAL, ERROR, WARNING, INFO }
