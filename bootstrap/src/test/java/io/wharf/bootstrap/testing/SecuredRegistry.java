package io.wharf.bootstrap.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The real registry with access control on: users from an htpasswd file written by {@code htpasswd -B}
 * (test resource {@code auth/htpasswd}) and the policy {@code auth/policy.yml}, signed in with basic
 * authentication or with tokens from the built-in issuer.
 */
public final class SecuredRegistry {
    /** The token service name the registry answers for (the tokens' audience). */
    public static final String SERVICE = "wharf-test";
    public static final String ISSUER = "wharf-test-issuer";

    private SecuredRegistry() {
    }

    /** A user of the htpasswd fixture; each password is the name followed by {@code -Pa55-word}. */
    public enum User {
        READER,
        WRITER,
        DELETER,
        ADMIN;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public String password() {
            return id() + "-Pa55-word";
        }
    }

    /** Copies a resource of {@code auth/} into {@code dir}, so a test may change it under the running registry. */
    public static Path copy(String resource, Path dir) {
        Path target = dir.resolve(resource);
        try (InputStream in = SecuredRegistry.class.getResourceAsStream("/auth/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("test resource auth/" + resource + " is missing");
            }
            Files.createDirectories(dir);
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Basic authentication against the htpasswd fixture, rights from the policy fixture. */
    public static RunningRegistry withHtpasswd(Path dir, Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(extra);
        settings.put("auth.mode", "htpasswd");
        settings.put("auth.htpasswd.path", copy("htpasswd", dir).toString());
        settings.putIfAbsent("auth.policy", copy("policy.yml", dir).toString());
        return RunningRegistry.start(dataDir(dir), settings);
    }

    /**
     * Token authentication with the built-in issuer at {@code /auth/token} of the same registry, which
     * therefore runs on a port chosen before the start (the realm is an absolute URL).
     */
    public static RunningRegistry withTokenIssuer(Path dir, Map<String, String> extra) {
        int port = RunningRegistry.freePort();
        Map<String, String> settings = new HashMap<>(tokenSettings("http://127.0.0.1:" + port + "/auth/token"));
        settings.putAll(extra);
        settings.put("http.port", Integer.toString(port));
        settings.put("auth.issuer.enabled", "true");
        settings.put("auth.htpasswd.path", copy("htpasswd", dir).toString());
        settings.putIfAbsent("auth.policy", copy("policy.yml", dir).toString());
        return RunningRegistry.start(dataDir(dir), settings);
    }

    /** The keys of token authentication with tokens from {@code realm}; a key source must be added. */
    public static Map<String, String> tokenSettings(String realm) {
        return Map.of("auth.mode", "token", "auth.token.realm", realm, "auth.token.service", SERVICE,
                "auth.token.issuer", ISSUER);
    }

    private static Path dataDir(Path dir) {
        try {
            return Files.createDirectories(dir.resolve("registry"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
