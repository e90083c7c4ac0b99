package io.wharf.notify.internal;

import java.util.regex.Pattern;

/**
 * Whether a {@code host[:port]} (a request's {@code Host}, an instance's address) can stand as the
 * authority of a URI as it is: a name or IPv4 address, or a bracketed IPv6 address, and a port.
 * Anything else (a path, spaces, user info) is left out of the URIs the formats write rather than escaped.
 */
final class HostPort {
    private static final Pattern AUTHORITY = Pattern.compile("(?:[A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+])(?::\\d{1,5})?");

    private HostPort() {
    }

    static boolean isAuthority(String hostPort) {
        return AUTHORITY.matcher(hostPort).matches();
    }
}
