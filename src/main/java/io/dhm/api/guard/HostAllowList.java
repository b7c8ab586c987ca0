package io.dhm.api.guard;

import io.dhm.config.ApiSettings;

import java.net.URI;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The host names the HTTP server answers to, checked against each request's Host header (its port aside): the
 * loopback names, any IP address (but the wildcards), HTTP_HOST, API_PUBLIC_URL's host and API_ALLOWED_HOSTS. A page
 * on another name whose DNS answer is switched to this host (DNS rebinding) is refused, so a browser cannot read the
 * API or call Jolokia through it. An address is always answered: rebinding needs a name, and a page whose origin is
 * the monitor's address is the monitor's own; so whoever reached the monitor by its address keeps doing so.
 */
public final class HostAllowList {

    private static final Set<String> LOOPBACK = Set.of("localhost", "[::1]");
    private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::", "[::]");
    /** An IPv4 address, each part 0 to 255. */
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    /** A host name or IPv4 address, or an IPv6 address in brackets, then an optional port. */
    private static final Pattern HOST_HEADER =
            Pattern.compile("([a-z0-9]([a-z0-9.-]*[a-z0-9])?|\\[[0-9a-f:.]+\\])\\.?(:\\d{1,5})?");

    private final Set<String> names;

    private HostAllowList(Set<String> names) {
        this.names = Set.copyOf(names);
    }

    public static HostAllowList of(ApiSettings api) {
        Set<String> names = new HashSet<>(api.allowedHosts());
        String bind = bracketed(api.host().toLowerCase(Locale.ROOT));
        if (!WILDCARDS.contains(bind)) {
            names.add(bind);
        }
        api.ackLinks().publicUrl().map(url -> URI.create(url).getHost()).map(host -> host.toLowerCase(Locale.ROOT))
                .ifPresent(names::add);
        return new HostAllowList(names);
    }

    /** Whether a request with this Host header is answered; a missing or malformed one is not. */
    public boolean allows(String hostHeader) {
        return hostName(hostHeader).filter(name -> LOOPBACK.contains(name) || names.contains(name)
                || isAddress(name) && !WILDCARDS.contains(name)).isPresent();
    }

    private static boolean isAddress(String name) {
        return IPV4.matcher(name).matches() || name.startsWith("[");
    }

    /** The host name of a Host header, in lower case without its port or a trailing dot; empty when malformed. */
    static Optional<String> hostName(String hostHeader) {
        if (hostHeader == null) {
            return Optional.empty();
        }
        String header = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (!HOST_HEADER.matcher(header).matches()) {
            return Optional.empty();
        }
        int port = header.lastIndexOf(':');
        String name = port > header.lastIndexOf(']') ? header.substring(0, port) : header;
        return Optional.of(name.endsWith(".") ? name.substring(0, name.length() - 1) : name);
    }

    /** An IPv6 address as a Host header writes it, in brackets. */
    private static String bracketed(String address) {
        return address.contains(":") && !address.startsWith("[") ? "[" + address + "]" : address;
    }
}
