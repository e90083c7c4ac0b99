package io.wharf.application.service;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Storage I/O failures are the registry's fault, not the client's: they surface as unchecked errors. */
final class StorageFailure {
    private StorageFailure() {
    }

    static UncheckedIOException of(String what, IOException cause) {
        return new UncheckedIOException(what + ": " + cause.getMessage(), cause);
    }
}
