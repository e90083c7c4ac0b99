package io.wharf.storage.gcs;

import io.wharf.domain.port.AdapterSettings;
import io.wharf.domain.port.InvalidSettingException;
import io.wharf.domain.port.StoragePaths;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code storage.gcs} section, checked: every bad value fails naming its full key.
 *
 * @param keyfile     a service account key (JSON); empty means application default credentials
 * @param prefix      object name prefix from {@code rootdirectory}: empty, or ending with '/'
 * @param chunkSize   bytes a resumable upload sends per request, and buffers per open writer
 * @param endpoint    where the JSON API is, when not Google's: the {@code endpoint} setting, else
 *                    {@code STORAGE_EMULATOR_HOST}
 * @param emulator    whether {@code STORAGE_EMULATOR_HOST} is set, which means no authentication without a key file
 * @param maxRetries  retries of a failed call (the SDK retries only calls that are safe to repeat)
 */
record GcsSettings(String bucket, Optional<Path> keyfile, String prefix, int chunkSize, Optional<URI> endpoint,
                   boolean emulator, int maxRetries) {

    static final String BUCKET = "bucket";
    static final String KEYFILE = "keyfile";
    static final String ROOT_DIRECTORY = "rootdirectory";
    static final String CHUNK_SIZE = "chunksize";
    static final String ENDPOINT = "endpoint";
    static final String MAX_RETRIES = "maxretries";
    static final Set<String> KEYS = Set.of(BUCKET, KEYFILE, ROOT_DIRECTORY, CHUNK_SIZE, ENDPOINT, MAX_RETRIES);

    /** The variable Google's clients (Go, Python, Node) read to talk to an emulator instead of GCS. */
    static final String EMULATOR_HOST = "STORAGE_EMULATOR_HOST";

    /** GCS requires resumable upload chunks in multiples of 256 KiB. */
    static final int CHUNK_UNIT = 256 * 1024;
    /** As distribution's driver (the Go client's default). */
    static final int DEFAULT_CHUNK_SIZE = 16 * 1024 * 1024;
    /** The SDK's default: 6 attempts in all. */
    static final int DEFAULT_MAX_RETRIES = 5;
    private static final int MOST_RETRIES = 100;

    /** GCS bucket names: lower case letters, digits, '-', '_' and '.', starting and ending alphanumeric. */
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]");

    static GcsSettings from(AdapterSettings settings, Map<String, String> environment) {
        settings.rejectUnknown(KEYS);
        String bucket = settings.requireString(BUCKET).trim();
        if (!BUCKET_NAME.matcher(bucket).matches()) {
            throw new InvalidSettingException(settings.fullKey(BUCKET), "'" + bucket + "' is not a GCS bucket name");
        }
        String emulatorHost = environment.get(EMULATOR_HOST);
        boolean emulator = emulatorHost != null && !emulatorHost.isBlank();
        Optional<URI> endpoint = settings.string(ENDPOINT).map(value -> endpoint(settings.fullKey(ENDPOINT), value, "https"));
        if (endpoint.isEmpty() && emulator) {
            endpoint = Optional.of(endpoint(EMULATOR_HOST, emulatorHost, "http"));
        }
        return new GcsSettings(bucket, keyfile(settings), prefix(settings), chunkSize(settings), endpoint, emulator,
                maxRetries(settings));
    }

    private static Optional<Path> keyfile(AdapterSettings settings) {
        Optional<String> value = settings.string(KEYFILE).map(String::trim);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.get().isEmpty()) {
            throw new InvalidSettingException(settings.fullKey(KEYFILE),
                    "must not be empty (leave it out to use application default credentials)");
        }
        try {
            return Optional.of(Path.of(value.get()));
        } catch (InvalidPathException e) {
            throw new InvalidSettingException(settings.fullKey(KEYFILE), "is not a usable path: " + e.getMessage());
        }
    }

    /** Slashes around the value are ignored; what is left must be a valid storage path below the bucket. */
    private static String prefix(AdapterSettings settings) {
        String value = settings.string(ROOT_DIRECTORY, "").trim();
        String trimmed = value.replaceAll("^/+|/+$", "");
        if (trimmed.isEmpty()) {
            return "";
        }
        try {
            StoragePaths.object("/" + trimmed);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(settings.fullKey(ROOT_DIRECTORY), "'" + value
                    + "' is not usable: components of [A-Za-z0-9._:-] separated by single '/' are");
        }
        return trimmed + "/";
    }

    private static int chunkSize(AdapterSettings settings) {
        int chunkSize = settings.integer(CHUNK_SIZE, DEFAULT_CHUNK_SIZE);
        if (chunkSize <= 0 || chunkSize % CHUNK_UNIT != 0) {
            throw new InvalidSettingException(settings.fullKey(CHUNK_SIZE),
                    "must be a positive multiple of 262144 (256 KiB), got " + chunkSize);
        }
        return chunkSize;
    }

    private static int maxRetries(AdapterSettings settings) {
        int retries = settings.integer(MAX_RETRIES, DEFAULT_MAX_RETRIES);
        if (retries < 0 || retries > MOST_RETRIES) {
            throw new InvalidSettingException(settings.fullKey(MAX_RETRIES),
                    "must be between 0 and " + MOST_RETRIES + ", got " + retries);
        }
        return retries;
    }

    /** {@code host[:port]} or an http(s) URL without path; a bare host gets {@code defaultScheme}. */
    private static URI endpoint(String key, String value, String defaultScheme) {
        String text = value.trim();
        if (!text.contains("://")) {
            text = defaultScheme + "://" + text;
        }
        try {
            URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            if (!web || uri.getHost() == null || !uri.getRawPath().isEmpty() || uri.getRawQuery() != null
                    || uri.getRawUserInfo() != null) {
                throw new InvalidSettingException(key, "'" + value + "' is not an http(s) host[:port] URL without a path");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidSettingException(key, "'" + value + "' is not a URL: " + e.getMessage());
        }
    }
}
