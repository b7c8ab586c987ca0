package io.dhm.dispatch;

/** Where one copy of an alert goes: a channel and its address (an email list, or a URL). */
public record Target(String channel, String address) {
}
