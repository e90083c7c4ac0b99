package io.wharf.metadata.postgres;

/**
 * The catalog's database failed in a way the client did not cause (unreachable, out of space, a bug
 * in a query): unchecked, so use cases report it as an internal error.
 */
final class CatalogException extends RuntimeException {
    CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
