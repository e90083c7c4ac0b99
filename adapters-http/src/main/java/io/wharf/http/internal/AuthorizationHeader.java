package io.wharf.http.internal;

import io.wharf.domain.auth.Credentials;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/** Reads the {@code Authorization} header into credentials (RFC 7617 basic, RFC 6750 bearer). */
final class AuthorizationHeader {
    private AuthorizationHeader() {
    }

    static Credentials parse(Optional<String> header) {
        if (header.isEmpty() || header.get().isBlank()) {
            return Credentials.NONE;
        }
        String value = header.get().strip();
        int space = value.indexOf(' ');
        String scheme = (space < 0 ? value : value.substring(0, space)).toLowerCase(Locale.ROOT);
        String rest = space < 0 ? "" : value.substring(space + 1).strip();
        return switch (scheme) {
            case "basic" -> basic(rest);
            case "bearer" -> rest.isEmpty()
                    ? new Credentials.Unreadable("the bearer token is empty")
                    : new Credentials.Bearer(rest);
            default -> new Credentials.Unreadable("the Authorization scheme is neither Basic nor Bearer");
        };
    }

    private static Credentials basic(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return new Credentials.Unreadable("the basic credentials are not base64");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return new Credentials.Unreadable("the basic credentials hold no ':' between user and password");
        }
        if (colon == 0 && decoded.length() == 1) {
            // some clients send an empty user and password when they have none: that is no credentials
            return Credentials.NONE;
        }
        return new Credentials.Password(decoded.substring(0, colon), decoded.substring(colon + 1));
    }
}
