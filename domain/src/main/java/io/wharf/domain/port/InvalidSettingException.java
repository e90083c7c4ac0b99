package io.wharf.domain.port;

/** A configuration value that cannot be used; the message names the key. */
public final class InvalidSettingException extends RuntimeException {
    private final String key;

    public InvalidSettingException(String key, String problem) {
        super(key + " " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
