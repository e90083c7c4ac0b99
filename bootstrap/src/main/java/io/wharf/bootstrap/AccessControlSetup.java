package io.wharf.bootstrap;

import io.wharf.application.port.in.AccessControl;
import io.wharf.application.port.in.TokenIssuance;
import io.wharf.application.service.access.AccessControlService;
import io.wharf.application.service.access.PasswordAuthentication;
import io.wharf.application.service.access.TokenAuthentication;
import io.wharf.application.service.access.TokenIssuanceService;
import io.wharf.auth.HtpasswdFile;
import io.wharf.auth.JwtSigner;
import io.wharf.auth.JwtVerifier;
import io.wharf.auth.JwtVerifierSettings;
import io.wharf.auth.PolicyFile;
import io.wharf.bootstrap.config.AuthSettings;
import io.wharf.bootstrap.config.ConfigException;
import io.wharf.domain.port.AccessPolicy;
import io.wharf.domain.port.TokenVerifier;
import io.wharf.http.RegistryHttpServer;

import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Access control as configured: the authentication provider, the policy, and the built-in issuer if enabled. */
record AccessControlSetup(AccessControl control, Optional<TokenIssuance> issuer, String summary) {
    private static final System.Logger LOG = System.getLogger(AccessControlSetup.class.getName());
    /** Refresh tokens carry this audience suffix, so a refresh token is never taken for an access token. */
    private static final String REFRESH_AUDIENCE_SUFFIX = "#refresh";

    static AccessControlSetup from(AuthSettings settings, Clock clock) {
        return switch (settings) {
            case AuthSettings.Off off -> new AccessControlSetup(AccessControl.OFF, Optional.empty(), "access control off");
            case AuthSettings.Htpasswd h -> new AccessControlSetup(
                    new AccessControlService(new PasswordAuthentication(users(h.users()), policy(h.policy()), h.realm())),
                    Optional.empty(), "htpasswd authentication (" + h.users() + ")" + policyNote(h.policy()));
            case AuthSettings.Token t -> token(t, clock);
        };
    }

    private static AccessControlSetup token(AuthSettings.Token t, Clock clock) {
        List<PublicKey> trusted = new ArrayList<>();
        Optional<TokenIssuance> issuer = Optional.empty();
        if (t.builtInIssuer().isPresent()) {
            AuthSettings.BuiltInIssuer b = t.builtInIssuer().get();
            if (!URI.create(t.realm()).getPath().endsWith(RegistryHttpServer.TOKEN_PATH)) {
                LOG.log(Level.WARNING, "auth.token.realm is {0}, which is not the built-in issuer ({1} on this "
                        + "registry): clients will ask another server for tokens", t.realm(), RegistryHttpServer.TOKEN_PATH);
            }
            JwtSigner signer = b.signingKey()
                    .map(key -> adapter("auth.issuer.key", () -> JwtSigner.fromPemFile(key, t.issuer())))
                    .orElseGet(() -> {
                        LOG.log(Level.WARNING, "auth.issuer.key is not set: tokens are signed with a key made at start, "
                                + "so they end with this process and other instances refuse them");
                        return JwtSigner.generated(t.issuer());
                    });
            trusted.add(signer.publicKey());
            String refreshAudience = t.service() + REFRESH_AUDIENCE_SUFFIX;
            TokenVerifier refreshTokens = new JwtVerifier(new JwtVerifierSettings(t.issuer(), refreshAudience,
                    t.clockSkew(), Optional.empty(), Optional.empty(), List.of(signer.publicKey())));
            issuer = Optional.of(new TokenIssuanceService(users(b.users()), policy(b.policy()), signer, refreshTokens,
                    new TokenIssuanceService.Settings(t.service(), t.realm(), b.tokenLifetime(), refreshAudience,
                            b.refreshLifetime()), clock));
        }
        TokenVerifier verifier = adapter("auth.token.rootcertbundle", () -> new JwtVerifier(new JwtVerifierSettings(t.issuer(),
                t.service(), t.clockSkew(), t.jwksUrl(), t.rootCertBundle(), trusted)));
        return new AccessControlSetup(
                new AccessControlService(new TokenAuthentication(verifier, t.realm(), t.service())), issuer,
                "token authentication (realm " + t.realm() + ", service " + t.service() + ")"
                        + t.builtInIssuer().map(b -> " with the built-in issuer at /auth/token" + policyNote(b.policy()))
                                .orElse(""));
    }

    private static HtpasswdFile users(Path file) {
        return adapter("auth.htpasswd.path", () -> HtpasswdFile.open(file));
    }

    private static AccessPolicy policy(Optional<Path> file) {
        return file.<AccessPolicy>map(f -> adapter("auth.policy", () -> PolicyFile.open(f)))
                .orElseGet(PolicyFile::signedInMayDoEverything);
    }

    private static String policyNote(Optional<Path> file) {
        return file.map(f -> ", policy " + f).orElse(", no policy file: signed-in users may do everything");
    }

    /** An adapter that refuses or cannot read its file stops the start with the key to look at. */
    private static <T> T adapter(String key, Supplier<T> open) {
        try {
            return open.get();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new ConfigException(key, e.getMessage());
        }
    }
}
