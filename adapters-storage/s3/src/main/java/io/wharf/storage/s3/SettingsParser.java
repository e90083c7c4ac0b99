package io.wharf.storage.s3;

import io.wharf.domain.port.AdapterSettings;
import io.wharf.domain.port.InvalidSettingException;
import io.wharf.domain.port.StoragePaths;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code storage.s3} with distribution's key names, so an operator can copy a distribution
 * configuration; every bad value fails naming its full key.
 */
final class SettingsParser {
    static final String BUCKET = "bucket";
    static final String REGION = "region";
    static final String REGION_ENDPOINT = "regionendpoint";
    static final String FORCE_PATH_STYLE = "forcepathstyle";
    static final String ACCESS_KEY = "accesskey";
    static final String SECRET_KEY = "secretkey";
    static final String SESSION_TOKEN = "sessiontoken";
    static final String ENCRYPT = "encrypt";
    static final String KEY_ID = "keyid";
    static final String STORAGE_CLASS = "storageclass";
    static final String ROOT_DIRECTORY = "rootdirectory";
    static final String CHUNK_SIZE = "chunksize";
    static final String PARALLEL_PARTS = "parallelparts";
    static final String MAX_RETRIES = "maxretries";
    static final String MAX_REQUESTS_PER_SECOND = "maxrequestspersecond";
    static final String MULTIPART_COPY_THRESHOLD_SIZE = "multipartcopythresholdsize";
    static final String MULTIPART_COPY_CHUNK_SIZE = "multipartcopychunksize";
    static final String MULTIPART_COPY_MAX_CONCURRENCY = "multipartcopymaxconcurrency";

    static final Set<String> KEYS = Set.of(BUCKET, REGION, REGION_ENDPOINT, FORCE_PATH_STYLE, ACCESS_KEY, SECRET_KEY,
            SESSION_TOKEN, ENCRYPT, KEY_ID, STORAGE_CLASS, ROOT_DIRECTORY, CHUNK_SIZE, PARALLEL_PARTS, MAX_RETRIES,
            MAX_REQUESTS_PER_SECOND, MULTIPART_COPY_THRESHOLD_SIZE, MULTIPART_COPY_CHUNK_SIZE,
            MULTIPART_COPY_MAX_CONCURRENCY);

    /** S3-compatible stores that do not know regions accept the SDK's default one. */
    static final String DEFAULT_REGION = "us-east-1";
    static final int DEFAULT_CHUNK_SIZE = 10 << 20;
    /** Parts are buffered in the heap as arrays, so a part cannot reach S3's own 5 GiB limit. */
    static final int MAX_CHUNK_SIZE = 1 << 30;
    static final int DEFAULT_PARALLEL_PARTS = 4;
    static final int DEFAULT_MAX_RETRIES = 5;
    static final long DEFAULT_MULTIPART_COPY_THRESHOLD = 32L << 20;
    static final long DEFAULT_MULTIPART_COPY_CHUNK_SIZE = 32L << 20;
    static final int DEFAULT_MULTIPART_COPY_MAX_CONCURRENCY = 16;
    static final String NO_STORAGE_CLASS = "NONE";
    static final String DEFAULT_STORAGE_CLASS = "STANDARD";

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|b|k|kb|kib|m|mb|mib|g|gb|gib)");
    /** AWS regions and the zonegroup or location names of compatible stores; it ends up in a host name. */
    private static final Pattern REGION_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
    private static final Pattern STORAGE_CLASS_NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private final AdapterSettings settings;

    private SettingsParser(AdapterSettings settings) {
        this.settings = settings;
    }

    static S3Settings parse(AdapterSettings settings) {
        settings.rejectUnknown(KEYS);
        return new SettingsParser(settings).parse();
    }

    private S3Settings parse() {
        String bucket = nonBlank(BUCKET).orElseThrow(() -> invalid(BUCKET, "is required"));
        Optional<URI> endpoint = nonBlank(REGION_ENDPOINT).map(this::endpoint);
        String region = nonBlank(REGION).orElseGet(() -> {
            if (endpoint.isEmpty()) {
                throw invalid(REGION, "is required unless " + settings.fullKey(REGION_ENDPOINT) + " is set");
            }
            return DEFAULT_REGION;
        });
        if (!REGION_NAME.matcher(region).matches()) {
            throw invalid(REGION, "must be a region name such as eu-west-1, got '" + region + "'");
        }
        int chunkSize = (int) size(CHUNK_SIZE, DEFAULT_CHUNK_SIZE, S3Settings.MIN_PART_SIZE, MAX_CHUNK_SIZE);
        long copyChunkSize = size(MULTIPART_COPY_CHUNK_SIZE, DEFAULT_MULTIPART_COPY_CHUNK_SIZE,
                S3Settings.MIN_PART_SIZE, S3Settings.MAX_PART_SIZE);
        long copyThreshold = size(MULTIPART_COPY_THRESHOLD_SIZE, DEFAULT_MULTIPART_COPY_THRESHOLD,
                0, S3Settings.MAX_PART_SIZE);
        return new S3Settings(bucket, region, endpoint, bool(FORCE_PATH_STYLE, false), keys(), encryption(),
                storageClass(), keyPrefix(), chunkSize,
                integer(PARALLEL_PARTS, DEFAULT_PARALLEL_PARTS, 1, 64),
                integer(MAX_RETRIES, DEFAULT_MAX_RETRIES, 0, 100),
                integer(MAX_REQUESTS_PER_SECOND, 0, 0, 1_000_000),
                copyThreshold, copyChunkSize,
                integer(MULTIPART_COPY_MAX_CONCURRENCY, DEFAULT_MULTIPART_COPY_MAX_CONCURRENCY, 1, 1000));
    }

    private URI endpoint(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw invalid(REGION_ENDPOINT, "must be an http:// or https:// URL with a host, got '" + value + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw invalid(REGION_ENDPOINT, "is not a URL: " + e.getMessage());
        }
    }

    /** Both keys or neither: one alone is a half-done configuration that would silently use other credentials. */
    private Optional<S3Settings.AccessKeys> keys() {
        Optional<String> accessKey = nonBlank(ACCESS_KEY);
        Optional<String> secretKey = nonBlank(SECRET_KEY);
        Optional<String> sessionToken = nonBlank(SESSION_TOKEN);
        if (accessKey.isPresent() != secretKey.isPresent()) {
            String missing = accessKey.isPresent() ? SECRET_KEY : ACCESS_KEY;
            String present = accessKey.isPresent() ? ACCESS_KEY : SECRET_KEY;
            throw invalid(missing, "is required when " + settings.fullKey(present) + " is set");
        }
        if (accessKey.isEmpty()) {
            if (sessionToken.isPresent()) {
                throw invalid(SESSION_TOKEN, "needs " + settings.fullKey(ACCESS_KEY) + " and "
                        + settings.fullKey(SECRET_KEY));
            }
            return Optional.empty();
        }
        return Optional.of(new S3Settings.AccessKeys(accessKey.get(), secretKey.get(), sessionToken));
    }

    /** A KMS key without {@code encrypt} would be silently unused, which is worse than failing. */
    private S3Settings.Encryption encryption() {
        boolean encrypt = bool(ENCRYPT, false);
        Optional<String> keyId = nonBlank(KEY_ID);
        if (keyId.isPresent() && !encrypt) {
            throw invalid(KEY_ID, "is only used with " + settings.fullKey(ENCRYPT) + ": true");
        }
        return encrypt ? new S3Settings.Encryption(true, keyId) : S3Settings.Encryption.NONE;
    }

    /** Any class name passes, because S3-compatible stores define their own (Ceph placement targets). */
    private Optional<String> storageClass() {
        String value = nonBlank(STORAGE_CLASS).orElse(DEFAULT_STORAGE_CLASS);
        if (!STORAGE_CLASS_NAME.matcher(value).matches()) {
            throw invalid(STORAGE_CLASS, "must be a storage class name such as STANDARD, or NONE, got '" + value + "'");
        }
        return value.equalsIgnoreCase(NO_STORAGE_CLASS) ? Optional.empty() : Optional.of(value);
    }

    /** {@code /registry/} and {@code registry} both mean the prefix {@code registry/}; {@code /} means none. */
    private String keyPrefix() {
        String value = nonBlank(ROOT_DIRECTORY).orElse("");
        String trimmed = value.replaceAll("^/+", "").replaceAll("/+$", "");
        if (trimmed.isEmpty()) {
            return "";
        }
        try {
            StoragePaths.directory("/" + trimmed);
        } catch (IllegalArgumentException e) {
            throw invalid(ROOT_DIRECTORY, "must be '/'-separated names of [A-Za-z0-9._:-], got '" + value + "'");
        }
        return trimmed + "/";
    }

    private boolean bool(String key, boolean fallback) {
        Optional<String> value = nonBlank(key);
        if (value.isEmpty()) {
            return fallback;
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(key, "must be true or false, got '" + value.get() + "'");
        };
    }

    private int integer(String key, int fallback, int min, int max) {
        int value = settings.integer(key, fallback);
        if (value < min || value > max) {
            throw invalid(key, "must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /** Bytes, optionally with a binary unit: {@code 10485760}, {@code 10MiB} and {@code 10m} are the same. */
    private long size(String key, long fallback, long min, long max) {
        Optional<String> text = nonBlank(key);
        if (text.isEmpty()) {
            return fallback;
        }
        Matcher matcher = SIZE.matcher(text.get().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw invalid(key, "must be a size in bytes, optionally with KiB, MiB or GiB, got '" + text.get() + "'");
        }
        int shift = switch (matcher.group(2)) {
            case "k", "kb", "kib" -> 10;
            case "m", "mb", "mib" -> 20;
            case "g", "gb", "gib" -> 30;
            default -> 0;
        };
        long value;
        try {
            value = Math.multiplyExact(Long.parseLong(matcher.group(1)), 1L << shift);
        } catch (ArithmeticException | NumberFormatException e) {
            throw invalid(key, "is too large: '" + text.get() + "'");
        }
        if (value < min || value > max) {
            throw invalid(key, "must be between " + min + " and " + max + " bytes, got " + value);
        }
        return value;
    }

    private Optional<String> nonBlank(String key) {
        return settings.string(key).map(String::trim).filter(value -> !value.isEmpty());
    }

    private InvalidSettingException invalid(String key, String problem) {
        return new InvalidSettingException(settings.fullKey(key), problem);
    }
}
