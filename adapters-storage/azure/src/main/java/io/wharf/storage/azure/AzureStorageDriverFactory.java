package io.wharf.storage.azure;

import io.wharf.domain.port.AdapterSettings;
import io.wharf.domain.port.InvalidSettingException;
import io.wharf.domain.port.StorageDriver;
import io.wharf.domain.port.StorageDriverFactory;
import io.wharf.domain.port.StoragePaths;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code storage.driver: azure}. Key names follow distribution's Azure driver where it has them
 * ({@code accountname}, {@code accountkey}, {@code container}, {@code realm}, {@code rootdirectory}).
 * Exactly one credential form: {@code accountkey} (with {@code accountname}), {@code sastoken}, or
 * {@code connectionstring}. See docs/storage-azure.md.
 *
 * <p>{@link #create} checks the container at startup (creating it with {@code createcontainer: true}), so a
 * wrong key, account or container fails the start naming its setting rather than the first push.
 */
public final class AzureStorageDriverFactory implements StorageDriverFactory {
    static final String ACCOUNT_NAME = "accountname";
    static final String ACCOUNT_KEY = "accountkey";
    static final String CONNECTION_STRING = "connectionstring";
    static final String SAS_TOKEN = "sastoken";
    static final String CONTAINER = "container";
    static final String REALM = "realm";
    static final String ENDPOINT = "endpoint";
    static final String ROOT_DIRECTORY = "rootdirectory";
    static final String BLOCK_SIZE = "blocksize";
    static final String PARALLEL_BLOCKS = "parallelblocks";
    static final String MAX_RETRIES = "maxretries";
    static final String CREATE_CONTAINER = "createcontainer";

    static final String DEFAULT_REALM = "core.windows.net";
    static final int DEFAULT_BLOCK_SIZE = 8 << 20;
    static final int MIN_BLOCK_SIZE = 1 << 20;
    /** Each writer may hold {@code parallelblocks + 1} blocks in memory. */
    static final int MAX_BLOCK_SIZE = 256 << 20;
    static final int DEFAULT_PARALLEL_BLOCKS = 4;
    static final int MAX_PARALLEL_BLOCKS = 64;
    static final int DEFAULT_MAX_RETRIES = 3;
    static final int MAX_MAX_RETRIES = 20;

    private static final Set<String> KEYS = Set.of(ACCOUNT_NAME, ACCOUNT_KEY, CONNECTION_STRING, SAS_TOKEN, CONTAINER,
            REALM, ENDPOINT, ROOT_DIRECTORY, BLOCK_SIZE, PARALLEL_BLOCKS, MAX_RETRIES, CREATE_CONTAINER);

    private static final Pattern ACCOUNT = Pattern.compile("[a-z0-9]{3,24}");
    private static final Pattern CONTAINER_NAME = Pattern.compile("[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}");
    private static final Pattern HOST_SUFFIX = Pattern.compile("[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+");

    /** Public and argument-free because {@link java.util.ServiceLoader} instantiates it. */
    public AzureStorageDriverFactory() {
    }

    @Override
    public String name() {
        return AzureStorageDriver.NAME;
    }

    @Override
    public Set<String> settingKeys() {
        return KEYS;
    }

    @Override
    public StorageDriver create(AdapterSettings settings) {
        AzureSettings parsed = parse(settings);
        warnIfTheHeapIsSmall((long) (parsed.parallelBlocks() + 1) * parsed.blockSize());
        AzureConnection azure = new AzureConnection(parsed);
        try {
            ContainerCheck.run(azure, credentialKey(parsed.credential()), settings);
        } catch (RuntimeException e) {
            azure.close();
            throw e;
        }
        return new AzureStorageDriver(azure);
    }

    /**
     * Blocks are buffered in the heap: a heap that cannot hold three uploads in flight (what one docker or
     * skopeo push runs at once) ends in OutOfMemoryError under load, so say so at start.
     */
    private static void warnIfTheHeapIsSmall(long perUpload) {
        long heap = Runtime.getRuntime().maxMemory();
        if (heap < 3 * perUpload + (64L << 20)) {
            System.getLogger(AzureStorageDriverFactory.class.getName()).log(System.Logger.Level.WARNING,
                    "storage.azure: each upload in flight may buffer {0} MiB ((parallelblocks + 1) x blocksize) but "
                            + "the heap is {1} MiB; raise -Xmx (WHARF_JAVA_OPTS) or lower blocksize/parallelblocks "
                            + "(docs/storage.md, Memory)", perUpload >> 20, heap >> 20);
        }
    }

    private static String credentialKey(AzureCredential credential) {
        return switch (credential) {
            case AzureCredential.SharedKey key -> ACCOUNT_KEY;
            case AzureCredential.SasToken sas -> SAS_TOKEN;
            case AzureCredential.ConnectionString string -> CONNECTION_STRING;
        };
    }

    /** Checks every value without touching the network. */
    static AzureSettings parse(AdapterSettings settings) {
        settings.rejectUnknown(KEYS);
        AzureCredential credential = credential(settings);
        String endpoint = endpoint(settings, credential);
        String container = nonBlank(settings, CONTAINER, true);
        if (!CONTAINER_NAME.matcher(container).matches()) {
            throw new InvalidSettingException(settings.fullKey(CONTAINER), "'" + container + "' is not a container name:"
                    + " 3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit");
        }
        return new AzureSettings(credential, endpoint, container, names(settings),
                bounded(settings, BLOCK_SIZE, DEFAULT_BLOCK_SIZE, MIN_BLOCK_SIZE, MAX_BLOCK_SIZE),
                bounded(settings, PARALLEL_BLOCKS, DEFAULT_PARALLEL_BLOCKS, 1, MAX_PARALLEL_BLOCKS),
                bounded(settings, MAX_RETRIES, DEFAULT_MAX_RETRIES, 0, MAX_MAX_RETRIES),
                bool(settings, CREATE_CONTAINER, false));
    }

    private static AzureCredential credential(AdapterSettings settings) {
        String key = nonBlank(settings, ACCOUNT_KEY, false);
        String sas = nonBlank(settings, SAS_TOKEN, false);
        String connection = nonBlank(settings, CONNECTION_STRING, false);
        String given = null;
        for (String[] form : new String[][] {{ACCOUNT_KEY, key}, {SAS_TOKEN, sas}, {CONNECTION_STRING, connection}}) {
            if (form[1] == null) {
                continue;
            }
            if (given != null) {
                throw new InvalidSettingException(settings.fullKey(form[0]), "cannot be combined with "
                        + settings.fullKey(given) + ": set exactly one of accountkey, sastoken or connectionstring");
            }
            given = form[0];
        }
        if (given == null) {
            throw new InvalidSettingException(settings.fullKey(ACCOUNT_KEY), "is required, or else "
                    + settings.fullKey(SAS_TOKEN) + " or " + settings.fullKey(CONNECTION_STRING));
        }
        if (connection != null) {
            for (String conflicting : new String[] {ACCOUNT_NAME, REALM, ENDPOINT}) {
                if (settings.string(conflicting).isPresent()) {
                    throw new InvalidSettingException(settings.fullKey(conflicting),
                            "cannot be combined with " + settings.fullKey(CONNECTION_STRING) + ", which sets it");
                }
            }
            return connectionString(settings, connection);
        }
        String account = nonBlank(settings, ACCOUNT_NAME, key != null || settings.string(ENDPOINT).isEmpty());
        if (account != null && !ACCOUNT.matcher(account).matches()) {
            throw new InvalidSettingException(settings.fullKey(ACCOUNT_NAME),
                    "'" + account + "' is not a storage account name: 3-24 lower-case letters and digits");
        }
        if (key != null) {
            try {
                Base64.getDecoder().decode(key);
            } catch (IllegalArgumentException e) {
                // the value is a secret: say what is wrong, never what it is
                throw new InvalidSettingException(settings.fullKey(ACCOUNT_KEY), "is not base64, as account keys are");
            }
            return new AzureCredential.SharedKey(account, key);
        }
        String token = sas.startsWith("?") ? sas.substring(1) : sas;
        if (!token.contains("sig=")) {
            throw new InvalidSettingException(settings.fullKey(SAS_TOKEN), "is not a SAS token: it has no sig= parameter");
        }
        return new AzureCredential.SasToken(token);
    }

    private static AzureCredential connectionString(AdapterSettings settings, String value) {
        Map<String, String> parts = new HashMap<>();
        for (String part : value.split(";")) {
            int equals = part.indexOf('=');
            if (equals > 0) {
                parts.put(part.substring(0, equals).trim().toLowerCase(Locale.ROOT), part.substring(equals + 1).trim());
            }
        }
        String accountKey = parts.get("accountkey");
        String sas = parts.get("sharedaccesssignature");
        if ((accountKey == null) == (sas == null)) {
            throw new InvalidSettingException(settings.fullKey(CONNECTION_STRING),
                    "must hold exactly one of AccountKey and SharedAccessSignature");
        }
        if (!parts.containsKey("blobendpoint") && !parts.containsKey("accountname")) {
            throw new InvalidSettingException(settings.fullKey(CONNECTION_STRING),
                    "names no account: it needs AccountName or BlobEndpoint");
        }
        return new AzureCredential.ConnectionString(value, accountKey != null,
                sas == null ? null : sas.startsWith("?") ? sas.substring(1) : sas);
    }

    private static String endpoint(AdapterSettings settings, AzureCredential credential) {
        if (credential instanceof AzureCredential.ConnectionString) {
            return null;
        }
        String endpoint = nonBlank(settings, ENDPOINT, false);
        String realm = nonBlank(settings, REALM, false);
        if (endpoint != null && realm != null) {
            throw new InvalidSettingException(settings.fullKey(REALM), "cannot be combined with "
                    + settings.fullKey(ENDPOINT) + ", which is the whole endpoint");
        }
        if (endpoint == null) {
            String suffix = realm == null ? DEFAULT_REALM : realm;
            if (!HOST_SUFFIX.matcher(suffix).matches()) {
                throw new InvalidSettingException(settings.fullKey(REALM),
                        "'" + suffix + "' is not a DNS suffix such as core.windows.net");
            }
            String account = credential instanceof AzureCredential.SharedKey key ? key.accountName()
                    : nonBlank(settings, ACCOUNT_NAME, true);
            return "https://" + account + ".blob." + suffix;
        }
        try {
            URI uri = new URI(endpoint);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw new InvalidSettingException(settings.fullKey(ENDPOINT), "'" + endpoint
                        + "' is not an http(s) URL without query, e.g. https://myaccount.blob.core.windows.net");
            }
        } catch (URISyntaxException e) {
            throw new InvalidSettingException(settings.fullKey(ENDPOINT), "'" + endpoint + "' is not a URL: " + e.getReason());
        }
        return endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    }

    private static BlobNames names(AdapterSettings settings) {
        String root = settings.string(ROOT_DIRECTORY, "").trim();
        int start = 0;
        int end = root.length();
        while (start < end && root.charAt(start) == '/') {
            start++;
        }
        while (end > start && root.charAt(end - 1) == '/') {
            end--;
        }
        String trimmed = root.substring(start, end);
        if (trimmed.isEmpty()) {
            return new BlobNames("");
        }
        try {
            StoragePaths.directory("/" + trimmed);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(settings.fullKey(ROOT_DIRECTORY), "'" + root
                    + "' is not a blob name prefix: '/'-separated names of [A-Za-z0-9._:-], no empty, '.' or '..' part");
        }
        return new BlobNames(trimmed + "/");
    }

    private static int bounded(AdapterSettings settings, String key, int fallback, int min, int max) {
        int value = settings.integer(key, fallback);
        if (value < min || value > max) {
            throw new InvalidSettingException(settings.fullKey(key), "must be between " + min + " and " + max
                    + ", got " + value);
        }
        return value;
    }

    private static boolean bool(AdapterSettings settings, String key, boolean fallback) {
        String value = settings.string(key).map(String::trim).orElse(null);
        if (value == null) {
            return fallback;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidSettingException(settings.fullKey(key), "must be true or false, got '" + value + "'");
        };
    }

    /** The trimmed value, null when absent and optional; blank counts as absent only for optional keys. */
    private static String nonBlank(AdapterSettings settings, String key, boolean required) {
        String value = required ? settings.requireString(key) : settings.string(key).orElse(null);
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.isEmpty()) {
            throw new InvalidSettingException(settings.fullKey(key), "must not be empty");
        }
        return trimmed;
    }
}
