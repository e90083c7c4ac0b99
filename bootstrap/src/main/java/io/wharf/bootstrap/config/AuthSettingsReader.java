package io.wharf.bootstrap.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The {@code auth.*} keys, checked together: a half-configured access control stops the start. */
final class AuthSettingsReader {
    static final String MODE = "auth.mode";
    static final String POLICY = "auth.policy";
    static final String HTPASSWD_PATH = "auth.htpasswd.path";
    static final String HTPASSWD_REALM = "auth.htpasswd.realm";
    static final String TOKEN_REALM = "auth.token.realm";
    static final String TOKEN_SERVICE = "auth.token.service";
    static final String TOKEN_ISSUER = "auth.token.issuer";
    static final String TOKEN_JWKS_URL = "auth.token.jwks-url";
    static final String TOKEN_ROOT_CERT_BUNDLE = "auth.token.rootcertbundle";
    static final String TOKEN_CLOCK_SKEW = "auth.token.clock-skew";
    static final String ISSUER_ENABLED = "auth.issuer.enabled";
    static final String ISSUER_KEY = "auth.issuer.key";
    static final String ISSUER_TOKEN_LIFETIME = "auth.issuer.token-lifetime";
    static final String ISSUER_REFRESH_LIFETIME = "auth.issuer.refresh-lifetime";

    static final Map<String, String> DEFAULTS = Map.of(
            MODE, "none",
            HTPASSWD_REALM, "Wharf Registry",
            // clocks of registry and issuer hosts drift; distribution allows none, most issuers a little
            TOKEN_CLOCK_SKEW, "30s",
            ISSUER_ENABLED, "false",
            // docker refreshes tokens itself; short lives keep a leaked token's window small
            ISSUER_TOKEN_LIFETIME, "5m",
            ISSUER_REFRESH_LIFETIME, "7d");

    static final Set<String> OPTIONAL = Set.of(POLICY, HTPASSWD_PATH, TOKEN_REALM, TOKEN_SERVICE, TOKEN_ISSUER,
            TOKEN_JWKS_URL, TOKEN_ROOT_CERT_BUNDLE, ISSUER_KEY);

    private AuthSettingsReader() {
    }

    static AuthSettings read(Map<String, String> values) {
        String mode = values.get(MODE).trim();
        boolean issuer = ConfigLoader.bool(values, ISSUER_ENABLED);
        if (issuer && !mode.equals("token")) {
            throw new ConfigException(ISSUER_ENABLED, "needs auth.mode: token (the built-in issuer hands out tokens "
                    + "for token authentication)");
        }
        Optional<Path> policy = readableFile(values, POLICY);
        return switch (mode) {
            case "none" -> {
                policy.ifPresent(p -> {
                    throw new ConfigException(POLICY, "has no effect with auth.mode: none; set htpasswd or token");
                });
                yield new AuthSettings.Off();
            }
            case "htpasswd" -> new AuthSettings.Htpasswd(required(values, HTPASSWD_PATH, "with auth.mode: htpasswd"),
                    values.get(HTPASSWD_REALM).trim(), policy);
            case "token" -> {
                if (policy.isPresent() && !issuer) {
                    throw new ConfigException(POLICY, "applies to the built-in issuer (auth.issuer.enabled: true); "
                            + "an external issuer decides what its tokens grant");
                }
                yield token(values, policy, issuer);
            }
            default -> throw new ConfigException(MODE, "must be none, htpasswd or token, got '" + mode + "'");
        };
    }

    private static AuthSettings.Token token(Map<String, String> values, Optional<Path> policy, boolean issuer) {
        String realm = text(values, TOKEN_REALM, "with auth.mode: token (the URL clients get tokens from)");
        URI realmUri = URI.create(realm);
        if (!realmUri.isAbsolute() || !(realm.startsWith("https://") || realm.startsWith("http://"))) {
            throw new ConfigException(TOKEN_REALM, "must be an absolute http(s) URL, got '" + realm + "'");
        }
        Optional<URI> jwks = Optional.ofNullable(values.get(TOKEN_JWKS_URL)).map(String::trim).map(URI::create);
        Optional<Path> bundle = readableFile(values, TOKEN_ROOT_CERT_BUNDLE);
        Optional<AuthSettings.BuiltInIssuer> builtIn = issuer
                ? Optional.of(new AuthSettings.BuiltInIssuer(
                        required(values, HTPASSWD_PATH, "for the built-in issuer (its users)"),
                        policy,
                        readableFile(values, ISSUER_KEY),
                        positive(values, ISSUER_TOKEN_LIFETIME, Duration.ofSeconds(60)),
                        positive(values, ISSUER_REFRESH_LIFETIME, Duration.ofSeconds(60))))
                : Optional.empty();
        if (jwks.isEmpty() && bundle.isEmpty() && builtIn.isEmpty()) {
            throw new ConfigException(TOKEN_REALM, "is set but no key checks the tokens: set auth.token.jwks-url, "
                    + "auth.token.rootcertbundle, or auth.issuer.enabled: true");
        }
        Duration skew = Durations.parse(TOKEN_CLOCK_SKEW, values.get(TOKEN_CLOCK_SKEW));
        return new AuthSettings.Token(realm, text(values, TOKEN_SERVICE, "with auth.mode: token (the registry's name "
                + "in tokens' audience)"), text(values, TOKEN_ISSUER, "with auth.mode: token (the tokens' iss)"),
                jwks, bundle, skew, builtIn);
    }

    private static Duration positive(Map<String, String> values, String key, Duration minimum) {
        Duration d = Durations.parse(key, values.get(key));
        if (d.compareTo(minimum) < 0) {
            throw new ConfigException(key, "must be at least " + minimum.toSeconds() + "s, got '" + values.get(key) + "'");
        }
        return d;
    }

    private static String text(Map<String, String> values, String key, String when) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            throw new ConfigException(key, "is required " + when);
        }
        return value.trim();
    }

    private static Path required(Map<String, String> values, String key, String when) {
        return readableFile(values, key).orElseThrow(() -> new ConfigException(key, "is required " + when));
    }

    private static Optional<Path> readableFile(Map<String, String> values, String key) {
        Optional<Path> file = Optional.ofNullable(values.get(key)).map(String::trim).map(Path::of);
        file.ifPresent(f -> ConfigLoader.requireReadable(key, f));
        return file;
    }
}
