package io.wharf.auth.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;

/**
 * A configuration file read again when it changes: compares modification time, size and file key
 * (the inode, so a file moved into place is noticed even with the same time and size). The caller
 * parses; this only says when.
 */
public final class WatchedFile {
    private final Path path;
    private volatile Stamp seen;

    public WatchedFile(Path path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    public Path path() {
        return path;
    }

    /**
     * Whether the file differs from the last {@link #read} (true before the first); an unreadable
     * file counts as unchanged so the last good content stays in use.
     */
    public boolean changed() {
        try {
            return !stamp().equals(seen);
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads the file's bytes and remembers their stamp; a change during the read shows up at the next check. */
    public byte[] read() throws IOException {
        Stamp before = stamp();
        byte[] bytes = Files.readAllBytes(path);
        seen = before;
        return bytes;
    }

    private Stamp stamp() throws IOException {
        BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
        return new Stamp(a.lastModifiedTime(), a.size(), a.fileKey());
    }

    private record Stamp(FileTime modified, long size, Object key) {
    }
}
