package io.wharf.bootstrap.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the configuration from, lowest precedence first: defaults, the YAML file, environment
 * variables ({@code WHARF_} + the key upper-cased with '.' and '-' as '_', e.g. {@code WHARF_HTTP_PORT}),
 * and command-line flags. Any key nobody knows stops the start, naming the key.
 */
public final class ConfigLoader {
    static final String HOST = "http.host";
    static final String PORT = "http.port";
    static final String DATA_DIR = "data-dir";
    static final String STORAGE_DRIVER = "storage.driver";
    static final String CATALOG_TYPE = "catalog.type";
    static final String UPLOAD_MAX_AGE = "uploads.max-age";
    static final String UPLOAD_EXPIRY_INTERVAL = "uploads.expiry-interval";
    static final String MAX_PAGE_SIZE = "listing.max-page-size";
    static final String SHUTDOWN_GRACE = "http.shutdown-grace";
    static final String CHUNK_MIN_LENGTH = "uploads.chunk-min-length";
    static final String REDIRECT_ENABLED = "storage.redirect.enabled";
    static final String REDIRECT_EXPIRY = "storage.redirect.expiry";
    static final String SLOW_STORAGE_CALL = "storage.slow-call-threshold";
    static final String TLS_CERTIFICATE = "http.tls.certificate";
    static final String TLS_KEY = "http.tls.key";
    static final String TLS_RELOAD_INTERVAL = "http.tls.reload-interval";
    static final String TLS_CLIENT_CA = "http.tls.client-ca";
    static final String TLS_CLIENT_AUTH = "http.tls.client-auth";
    static final String TLS_KEYSTORE = "http.tls.keystore";
    static final String TLS_KEYSTORE_PASSWORD = "http.tls.keystore-password";

    /** Keys without a default: absent means the feature is off. */
    private static final Set<String> OPTIONAL = withAuthOptional(Set.of(TLS_CERTIFICATE, TLS_KEY, TLS_CLIENT_CA,
            TLS_KEYSTORE, TLS_KEYSTORE_PASSWORD));

    private static Set<String> withAuthOptional(Set<String> optional) {
        Set<String> all = new HashSet<>(optional);
        all.addAll(AuthSettingsReader.OPTIONAL);
        return Set.copyOf(all);
    }

    private static final Map<String, String> DEFAULTS = withAuthDefaults(Map.ofEntries(
            // Loopback by default: access control is off until configured, and an open registry must not
            // face the network unless an operator says so.
            Map.entry(HOST, "127.0.0.1"),
            Map.entry(PORT, "5000"),
            Map.entry(DATA_DIR, "./data"),
            Map.entry(STORAGE_DRIVER, "filesystem"),
            Map.entry(CATALOG_TYPE, "postgres"),
            Map.entry(UPLOAD_MAX_AGE, "7d"),
            Map.entry(UPLOAD_EXPIRY_INTERVAL, "1h"),
            Map.entry(MAX_PAGE_SIZE, "1000"),
            Map.entry(SHUTDOWN_GRACE, "30s"),
            // S3's multipart minimum: clients that honour it send chunks every driver can store as one part.
            Map.entry(CHUNK_MIN_LENGTH, "5242880"),
            // As distribution: blob GETs go straight to the object store when the driver can sign a URL.
            Map.entry(REDIRECT_ENABLED, "true"),
            Map.entry(REDIRECT_EXPIRY, "20m"),
            Map.entry(SLOW_STORAGE_CALL, "5s"),
            // renewed certificates are picked up without a restart, at most this late
            Map.entry(TLS_RELOAD_INTERVAL, "1m"),
            // with a client CA bundle, a client certificate is demanded unless this says optional
            Map.entry(TLS_CLIENT_AUTH, "require")));

    private static Map<String, String> withAuthDefaults(Map<String, String> defaults) {
        Map<String, String> all = new HashMap<>(defaults);
        all.putAll(AuthSettingsReader.DEFAULTS);
        all.putAll(ObservabilitySettingsReader.DEFAULTS);
        all.putAll(LogSettingsReader.DEFAULTS);
        return Map.copyOf(all);
    }

    private final AdapterCatalogue adapters;
    private final Map<String, String> environment;

    /**
     * @param adapters    which adapters this deployment ships, and the setting keys of each
     * @param environment the process environment (a parameter so tests can pass their own)
     */
    public ConfigLoader(AdapterCatalogue adapters, Map<String, String> environment) {
        this.adapters = adapters;
        this.environment = environment;
    }

    public WharfConfig load(Optional<Path> file, Map<String, String> flags) {
        Map<String, String> values = new HashMap<>(DEFAULTS);
        file.ifPresent(f -> values.putAll(YamlFlattener.read(f)));
        Set<String> known = knownKeys();
        for (String key : known) {
            String value = environment.get(environmentName(key));
            if (value != null) {
                values.put(key, value);
            }
        }
        values.putAll(ObservabilitySettingsReader.otelEnvironment(environment));
        values.putAll(flags);
        for (String key : new TreeSet<>(values.keySet())) {
            if (!known.contains(key) && !key.startsWith(AdapterCatalogue.ENDPOINTS_PREFIX)
                    && !key.startsWith(ObservabilitySettingsReader.OTEL_PREFIX)
                    && !key.startsWith(LogSettingsReader.LEVELS_PREFIX)) {
                throw new ConfigException(key, "is not a known setting" + file.map(f -> " (in " + f + ")").orElse(""));
            }
        }
        return build(values);
    }

    /** {@code storage.filesystem.rootdirectory} → {@code WHARF_STORAGE_FILESYSTEM_ROOTDIRECTORY}. */
    public static String environmentName(String key) {
        return "WHARF_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private Set<String> knownKeys() {
        Set<String> known = new TreeSet<>(DEFAULTS.keySet());
        known.addAll(OPTIONAL);
        known.addAll(adapters.settingKeys());
        return known;
    }

    private WharfConfig build(Map<String, String> values) {
        Path dataDir = Path.of(values.get(DATA_DIR)).toAbsolutePath().normalize();
        String storage = oneOf(values, STORAGE_DRIVER, adapters.storageDrivers());
        String catalog = oneOf(values, CATALOG_TYPE, adapters.catalogs());
        Map<String, String> adapterValues = new HashMap<>();
        values.forEach((k, v) -> {
            if (!DEFAULTS.containsKey(k) && !OPTIONAL.contains(k) && !k.startsWith(ObservabilitySettingsReader.OTEL_PREFIX)
                    && !k.startsWith(LogSettingsReader.LEVELS_PREFIX)) {
                adapterValues.put(k, v);
            }
        });
        adapterValues.putAll(adapters.dataDirDefaults(dataDir, adapterValues));
        int maxPageSize = integer(values, MAX_PAGE_SIZE, 1, 100_000);
        return new WharfConfig(values.get(HOST), integer(values, PORT, 0, 65535), dataDir, storage, catalog,
                Durations.parse(UPLOAD_MAX_AGE, values.get(UPLOAD_MAX_AGE)),
                Durations.parse(UPLOAD_EXPIRY_INTERVAL, values.get(UPLOAD_EXPIRY_INTERVAL)), maxPageSize,
                Durations.parse(SHUTDOWN_GRACE, values.get(SHUTDOWN_GRACE)),
                integer(values, CHUNK_MIN_LENGTH, 0, Integer.MAX_VALUE),
                bool(values, REDIRECT_ENABLED)
                        ? Optional.of(Durations.parse(REDIRECT_EXPIRY, values.get(REDIRECT_EXPIRY)))
                        : Optional.empty(),
                Durations.parse(SLOW_STORAGE_CALL, values.get(SLOW_STORAGE_CALL)), tls(values),
                AuthSettingsReader.read(values), ObservabilitySettingsReader.read(values),
                LogSettingsReader.read(values), adapterValues);
    }

    private static String oneOf(Map<String, String> values, String key, Set<String> available) {
        String value = values.get(key);
        if (!available.contains(value)) {
            throw new ConfigException(key, "is '" + value + "', but this installation provides only " + available);
        }
        return value;
    }

    /**
     * HTTPS from PEM files (both) or from a PKCS#12 keystore (with its password), never both; a half
     * setup is a mistake to report, not a reason to fall back to plain HTTP.
     */
    private static Optional<TlsFiles> tls(Map<String, String> values) {
        Optional<TlsFiles.Identity> identity = tlsIdentity(values);
        Optional<Path> clientCa = Optional.ofNullable(values.get(TLS_CLIENT_CA)).map(String::trim).map(Path::of);
        if (identity.isEmpty()) {
            if (clientCa.isPresent()) {
                throw new ConfigException(TLS_CLIENT_CA, "needs HTTPS: set http.tls.certificate and http.tls.key, "
                        + "or http.tls.keystore");
            }
            return Optional.empty();
        }
        boolean clientCertificateRequired = switch (values.get(TLS_CLIENT_AUTH).trim()) {
            case "require" -> true;
            case "optional" -> false;
            default -> throw new ConfigException(TLS_CLIENT_AUTH, "must be require or optional, got '"
                    + values.get(TLS_CLIENT_AUTH) + "'");
        };
        clientCa.ifPresent(ca -> requireReadable(TLS_CLIENT_CA, ca));
        Duration reload = Durations.parse(TLS_RELOAD_INTERVAL, values.get(TLS_RELOAD_INTERVAL));
        if (reload.isZero() || reload.isNegative()) {
            throw new ConfigException(TLS_RELOAD_INTERVAL, "must be positive, got '" + values.get(TLS_RELOAD_INTERVAL) + "'");
        }
        return Optional.of(new TlsFiles(identity.get(), reload, clientCa, clientCertificateRequired));
    }

    private static Optional<TlsFiles.Identity> tlsIdentity(Map<String, String> values) {
        String certificate = values.get(TLS_CERTIFICATE);
        String key = values.get(TLS_KEY);
        String keystore = values.get(TLS_KEYSTORE);
        if (keystore != null) {
            if (certificate != null || key != null) {
                throw new ConfigException(TLS_KEYSTORE, "and http.tls.certificate/http.tls.key are two ways to give "
                        + "the server's key and certificate: set one");
            }
            String password = values.get(TLS_KEYSTORE_PASSWORD);
            if (password == null) {
                throw new ConfigException(TLS_KEYSTORE_PASSWORD, "is required with http.tls.keystore "
                        + "(or set WHARF_HTTP_TLS_KEYSTORE_PASSWORD)");
            }
            Path file = Path.of(keystore.trim());
            requireReadable(TLS_KEYSTORE, file);
            return Optional.of(new TlsFiles.Keystore(file, password));
        }
        if (certificate == null && key == null) {
            return Optional.empty();
        }
        if (certificate == null || key == null) {
            String missing = certificate == null ? TLS_CERTIFICATE : TLS_KEY;
            throw new ConfigException(missing, "is required when " + (certificate == null ? TLS_KEY : TLS_CERTIFICATE)
                    + " is set: HTTPS needs the certificate chain and the private key (PEM files)");
        }
        TlsFiles.Pem pem = new TlsFiles.Pem(Path.of(certificate.trim()), Path.of(key.trim()));
        requireReadable(TLS_CERTIFICATE, pem.certificate());
        requireReadable(TLS_KEY, pem.key());
        return Optional.of(pem);
    }

    static void requireReadable(String key, Path file) {
        if (!Files.isReadable(file)) {
            throw new ConfigException(key, "is '" + file + "', which is not a readable file");
        }
    }

    static boolean bool(Map<String, String> values, String key) {
        String text = values.get(key).trim();
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(key, "must be true or false, got '" + text + "'");
        };
    }

    static int integer(Map<String, String> values, String key, int min, int max) {
        String text = values.get(key).trim();
        try {
            int n = Integer.parseInt(text);
            if (n < min || n > max) {
                throw new ConfigException(key, "must be between " + min + " and " + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "must be a whole number, got '" + text + "'");
        }
    }
}
