package io.wharf.storage.inmemory;

import java.time.Instant;

/** One object. {@code bytes} is never modified once stored, so readers can share it without copying. */
record StoredObject(byte[] bytes, Instant modified) {
}
