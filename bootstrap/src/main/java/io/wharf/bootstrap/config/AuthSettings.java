package io.wharf.bootstrap.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Who may use the registry: no access control, htpasswd basic authentication, or Docker token authentication. */
public sealed interface AuthSettings {

    /** Everyone may do everything: for a registry on loopback or behind a gateway that checks access. */
    record Off() implements AuthSettings {
    }

    /**
     * Basic authentication against an htpasswd file; rights from the policy file, or every signed-in
     * user may do everything when there is none.
     */
    record Htpasswd(Path users, String realm, Optional<Path> policy) implements AuthSettings {
    }

    /**
     * Bearer tokens from the issuer at {@code realm}, signed with a key from the JWKS URL, the
     * certificate bundle, or the built-in issuer. What a token grants is the issuer's decision, so a
     * policy file belongs to the built-in issuer alone.
     */
    record Token(String realm, String service, String issuer, Optional<URI> jwksUrl, Optional<Path> rootCertBundle,
                 Duration clockSkew, Optional<BuiltInIssuer> builtInIssuer) implements AuthSettings {
    }

    /**
     * The issuer served at {@code /auth/token}: users from the htpasswd file, grants from the policy
     * file (every signed-in user everything without one), tokens signed with the PEM key (a key made at
     * start when absent, which other instances and restarts do not know).
     */
    record BuiltInIssuer(Path users, Optional<Path> policy, Optional<Path> signingKey, Duration tokenLifetime,
                         Duration refreshLifetime) {
    }
}
