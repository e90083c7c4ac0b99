package io.wharf.http.internal;

import io.helidon.http.HeaderNames;
import io.wharf.domain.auth.Challenge;
import io.wharf.domain.auth.Scope;

import java.util.stream.Collectors;

/** Writes a challenge as the {@code WWW-Authenticate} value clients parse (RFC 7235 quoted strings). */
final class ChallengeHeader {
    static final io.helidon.http.HeaderName NAME = HeaderNames.WWW_AUTHENTICATE;

    private ChallengeHeader() {
    }

    static String value(Challenge challenge) {
        return switch (challenge) {
            case Challenge.Basic b -> "Basic realm=" + quoted(b.realm());
            case Challenge.Bearer b -> {
                StringBuilder v = new StringBuilder("Bearer realm=").append(quoted(b.realm()))
                        .append(",service=").append(quoted(b.service()));
                if (!b.scopes().isEmpty()) {
                    // several scopes share one parameter, separated by spaces, as distribution writes them
                    v.append(",scope=").append(quoted(b.scopes().stream().map(Scope::toString)
                            .collect(Collectors.joining(" "))));
                }
                b.error().ifPresent(e -> v.append(",error=").append(quoted(e)));
                yield v.toString();
            }
        };
    }

    private static String quoted(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
