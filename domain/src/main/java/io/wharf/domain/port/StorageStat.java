package io.wharf.domain.port;

import java.time.Instant;

/** What a driver knows of a stored object. */
public record StorageStat(String path, long size, Instant modified) {
}
