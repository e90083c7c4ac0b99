package io.wharf.bootstrap.config;

/** A configuration the registry cannot start with; the message names the key and what is wrong. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String key, String problem) {
        super("configuration key '" + key + "' " + problem);
    }

    public ConfigException(String message) {
        super(message);
    }
}
