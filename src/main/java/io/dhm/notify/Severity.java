package io.dhm.notify;

/** The seed's three alert severities. */
public enum Severity { CRITICAL, ERROR, INFO }
