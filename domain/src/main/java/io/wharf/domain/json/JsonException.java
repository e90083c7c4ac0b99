package io.wharf.domain.json;

/** Input that is not well-formed JSON. */
public final class JsonException extends RuntimeException {
    public JsonException(String message) {
        super(message, null, false, false);
    }
}
