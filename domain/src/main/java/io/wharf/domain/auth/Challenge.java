package io.wharf.domain.auth;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What a 401 answer asks the client for: the {@code WWW-Authenticate} header's content. */
public sealed interface Challenge {

    /** {@code Basic realm="…"}. */
    record Basic(String realm) implements Challenge {
        public Basic {
            Objects.requireNonNull(realm, "realm");
        }
    }

    /**
     * {@code Bearer realm="…",service="…",scope="…"}: where to get a token, for which service, with
     * exactly the scopes the request needs; {@code error} is {@code insufficient_scope} or
     * {@code invalid_token} when a token was offered and fell short.
     */
    record Bearer(String realm, String service, List<Scope> scopes, Optional<String> error) implements Challenge {
        public Bearer {
            Objects.requireNonNull(realm, "realm");
            Objects.requireNonNull(service, "service");
            scopes = List.copyOf(scopes);
            Objects.requireNonNull(error, "error");
        }
    }
}
