package io.wharf.bootstrap.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The auth.* keys as an operator writes them, and every half-configuration refused with the key to fix. */
class AuthSettingsTest {
    @TempDir
    Path dir;

    private AuthSettings load(Map<String, String> flags) {
        return new ConfigLoader(Adapters.discover(), Map.of()).load(Optional.empty(), flags).auth();
    }

    private String refusal(Map<String, String> flags) {
        return assertThrows(ConfigException.class, () -> load(flags)).getMessage();
    }

    @Test
    void offByDefault() {
        assertInstanceOf(AuthSettings.Off.class, load(Map.of()));
    }

    @Test
    void htpasswdNeedsAReadableFile() throws IOException {
        Path users = Files.writeString(dir.resolve("htpasswd"), "");
        assertEquals(new AuthSettings.Htpasswd(users, "Wharf Registry", Optional.empty()),
                load(Map.of("auth.mode", "htpasswd", "auth.htpasswd.path", users.toString())));
        assertTrue(refusal(Map.of("auth.mode", "htpasswd")).contains("'auth.htpasswd.path' is required"));
        assertTrue(refusal(Map.of("auth.mode", "htpasswd", "auth.htpasswd.path", dir.resolve("absent").toString()))
                .contains("not a readable file"));
    }

    @Test
    void tokenModeNeedsRealmServiceIssuerAndAKeySource() throws IOException {
        Path bundle = Files.writeString(dir.resolve("bundle.pem"), "");
        Map<String, String> complete = Map.of("auth.mode", "token", "auth.token.realm", "https://auth.example/token",
                "auth.token.service", "registry.example", "auth.token.issuer", "auth-service",
                "auth.token.rootcertbundle", bundle.toString());
        AuthSettings.Token token = assertInstanceOf(AuthSettings.Token.class, load(complete));
        assertEquals(Optional.of(bundle), token.rootCertBundle());
        assertEquals(Duration.ofSeconds(30), token.clockSkew());
        assertEquals(Optional.empty(), token.builtInIssuer());

        for (String key : new String[]{"auth.token.realm", "auth.token.service", "auth.token.issuer"}) {
            Map<String, String> missing = new java.util.HashMap<>(complete);
            missing.remove(key);
            assertTrue(refusal(missing).contains("'" + key + "' is required"), key);
        }
        Map<String, String> keyless = new java.util.HashMap<>(complete);
        keyless.remove("auth.token.rootcertbundle");
        assertTrue(refusal(keyless).contains("auth.token.jwks-url"));
        Map<String, String> relative = new java.util.HashMap<>(complete);
        relative.put("auth.token.realm", "/auth/token");
        assertTrue(refusal(relative).contains("absolute"));
    }

    @Test
    void theBuiltInIssuerTakesItsUsersFromTheHtpasswdFile() throws IOException {
        Path users = Files.writeString(dir.resolve("htpasswd"), "");
        Map<String, String> flags = Map.of("auth.mode", "token", "auth.token.realm", "http://127.0.0.1:5000/auth/token",
                "auth.token.service", "wharf", "auth.token.issuer", "wharf", "auth.issuer.enabled", "true",
                "auth.htpasswd.path", users.toString(), "auth.token.jwks-url", "https://auth.example/jwks");
        AuthSettings.Token token = assertInstanceOf(AuthSettings.Token.class, load(flags));
        assertEquals(Optional.of(URI.create("https://auth.example/jwks")), token.jwksUrl());
        assertEquals(new AuthSettings.BuiltInIssuer(users, Optional.empty(), Optional.empty(), Duration.ofMinutes(5),
                        Duration.ofDays(7)),
                token.builtInIssuer().orElseThrow());

        Map<String, String> noUsers = new java.util.HashMap<>(flags);
        noUsers.remove("auth.htpasswd.path");
        assertTrue(refusal(noUsers).contains("'auth.htpasswd.path' is required for the built-in issuer"));
        Map<String, String> shortLived = new java.util.HashMap<>(flags);
        shortLived.put("auth.issuer.token-lifetime", "30s");
        assertTrue(refusal(shortLived).contains("'auth.issuer.token-lifetime' must be at least 60s"));
        assertTrue(refusal(Map.of("auth.issuer.enabled", "true")).contains("needs auth.mode: token"));
    }

    @Test
    void aPolicyWithoutAuthenticationIsAMistake() throws IOException {
        Path policy = Files.writeString(dir.resolve("policy.yml"), "rules: []\n");
        assertTrue(refusal(Map.of("auth.policy", policy.toString())).contains("no effect"));
        Path bundle = Files.writeString(dir.resolve("bundle.pem"), "");
        assertTrue(refusal(Map.of("auth.mode", "token", "auth.token.realm", "https://auth.example/token",
                "auth.token.service", "registry.example", "auth.token.issuer", "auth-service",
                "auth.token.rootcertbundle", bundle.toString(), "auth.policy", policy.toString()))
                .contains("an external issuer decides what its tokens grant"));
        assertTrue(refusal(Map.of("auth.mode", "ldap")).contains("must be none, htpasswd or token"));
    }
}
