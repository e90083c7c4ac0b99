package io.wharf.storage.filesystem;

import io.wharf.domain.port.StoragePaths;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import io.wharf.domain.port.PathNotFoundException;
import io.wharf.domain.port.StorageDriver;
import io.wharf.domain.port.StorageStat;
import io.wharf.domain.port.StorageWriter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Objects are files under a root directory at exactly their storage path, so {@code <root>/docker/registry/v2/...}
 * is distribution's layout and an existing distribution root can be used in place.
 *
 * <p>Files of the driver's own (temporaries, trees being deleted) carry a {@code '~'} in their names. No valid
 * storage path can contain one, so they can never collide with or be mistaken for an object, and
 * {@link #list} leaves them out.
 */
final class FilesystemStorageDriver implements StorageDriver {
    static final String NAME = "filesystem";

    /** Parent directories can vanish under us (a concurrent delete tidying empty ones), so creation retries. */
    private static final int ATTEMPTS = 3;

    private final Path root;
    private final WriteBack writeBack = new WriteBack();

    FilesystemStorageDriver(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<StorageStat> stat(String path) throws IOException {
        BasicFileAttributes attributes = attributesOrNull(object(path));
        if (attributes == null || !attributes.isRegularFile()) {
            return Optional.empty();
        }
        return Optional.of(new StorageStat(path, attributes.size(), attributes.lastModifiedTime().toInstant()));
    }

    /** A stream over a positioned {@link FileChannel}: no skipping through the file, and large reads stay cheap. */
    @Override
    public InputStream reader(String path, long offset) throws IOException {
        Path file = object(path);
        if (offset < 0) {
            throw new IllegalArgumentException("offset " + offset + " is negative");
        }
        requireFile(file, path);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, READ);
        } catch (NoSuchFileException e) {
            throw new PathNotFoundException(path);
        }
        try {
            return Channels.newInputStream(channel.position(offset));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public StorageWriter writer(String path, boolean append) throws IOException {
        Path file = object(path);
        FileChannel channel = withParents(file, () -> append
                ? FileChannel.open(file, CREATE, WRITE)
                : FileChannel.open(file, CREATE, WRITE, TRUNCATE_EXISTING));
        try {
            long size = channel.size();
            channel.position(size);
            return new FileStorageWriter(path, file, channel, size, this::removeEmptyParents, writeBack);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public byte[] getContent(String path) throws IOException {
        Path file = object(path);
        requireFile(file, path);
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new PathNotFoundException(path);
        }
    }

    /** Writes and forces a temporary next to the target, then renames it over the target atomically. */
    @Override
    public void putContent(String path, byte[] content) throws IOException {
        Path file = object(path);
        Path temporary = withParents(file, () -> writeTemporary(file, content));
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        Durability.syncDirectory(file.getParent());
    }

    private static Path writeTemporary(Path file, byte[] content) throws IOException {
        Path temporary = ownSibling(file, "tmp");
        try (FileChannel channel = FileChannel.open(temporary, CREATE_NEW, WRITE)) {
            ByteBuffer bytes = ByteBuffer.wrap(content);
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            // without this a crash after the rename could leave an empty or torn file under the real name
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        return temporary;
    }

    /**
     * A rename: atomic, replaces the target, and forced to disk because it is how a blob becomes visible.
     * The source's emptied directories are tidied as after a delete.
     */
    @Override
    public void move(String from, String to) throws IOException {
        Path source = object(from);
        Path target = object(to);
        requireFile(source, from);
        if (source.equals(target)) {
            return;
        }
        withParents(target, () -> {
            try {
                return Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (NoSuchFileException e) {
                if (attributesOrNull(source) == null) {
                    throw new PathNotFoundException(from);
                }
                throw e; // the target's parent is missing: withParents creates it
            }
        });
        Durability.syncDirectory(target.getParent());
        removeEmptyParents(source.getParent());
    }

    /**
     * A tree is first renamed aside, so other instances see it vanish at once rather than piece by
     * piece; then its files are removed. Empty parents are tidied up afterwards.
     */
    @Override
    public void delete(String path) throws IOException {
        Path target = object(path);
        BasicFileAttributes attributes = attributesOrNull(target);
        if (attributes == null) {
            throw new PathNotFoundException(path);
        }
        try {
            if (attributes.isDirectory()) {
                Path doomed = ownSibling(target, "deleting");
                Files.move(target, doomed, StandardCopyOption.ATOMIC_MOVE);
                deleteTree(doomed);
            } else {
                Files.delete(target);
            }
        } catch (NoSuchFileException e) {
            throw new PathNotFoundException(path);
        }
        removeEmptyParents(target.getParent());
    }

    @Override
    public List<String> list(String path) throws IOException {
        String directory = StoragePaths.directory(path);
        Path dir = directory.equals(StoragePaths.ROOT) ? root : root.resolve(directory.substring(1));
        String prefix = directory.equals(StoragePaths.ROOT) ? StoragePaths.ROOT : directory + "/";
        List<String> children = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (StoragePaths.isComponent(name)) {
                    children.add(prefix + name);
                }
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            throw new PathNotFoundException(path);
        }
        Collections.sort(children);
        return children;
    }

    /**
     * Maps {@code path} under the root. The core has validated it already; checking again here is the one
     * exception to "drivers do not validate", because this driver turns paths into real file names and a
     * path that bypassed the core (a tool, a test) must still never reach outside the root.
     */
    private Path object(String path) {
        return root.resolve(StoragePaths.object(path).substring(1));
    }

    private static void requireFile(Path file, String path) throws IOException {
        BasicFileAttributes attributes = attributesOrNull(file);
        if (attributes == null || !attributes.isRegularFile()) {
            throw new PathNotFoundException(path);
        }
    }

    /** The file's attributes, or null when nothing is there, including when an ancestor is a file. */
    private static BasicFileAttributes attributesOrNull(Path file) throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (FileSystemException e) {
            // ENOTDIR has no exception type of its own; it means "missing" when a parent is a plain file
            if (hasFileAncestor(file)) {
                return null;
            }
            throw e;
        }
    }

    private static boolean hasFileAncestor(Path file) {
        for (Path ancestor = file.getParent(); ancestor != null; ancestor = ancestor.getParent()) {
            if (Files.isRegularFile(ancestor)) {
                return true;
            }
        }
        return false;
    }

    /** A name next to {@code file} that no storage path can have (it contains '~'). */
    private static Path ownSibling(Path file, String purpose) {
        return file.resolveSibling(file.getFileName() + "~" + purpose + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    }

    /** Runs {@code action}, creating {@code target}'s parent directories when it fails for want of them. */
    private static <T> T withParents(Path target, IoAction<T> action) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return action.run();
            } catch (NoSuchFileException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                Files.createDirectories(target.getParent());
            }
        }
    }

    private static void deleteTree(Path top) throws IOException {
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Removes now-empty directories up to, not including, the root, so deleted blobs and finished uploads
     * leave no litter and, as in the in-memory driver, a directory exists only while it holds objects.
     * Best effort: it stops at the first directory that is not empty or cannot go.
     */
    private void removeEmptyParents(Path dir) {
        for (Path current = dir; current != null && !current.equals(root) && current.startsWith(root);
                current = current.getParent()) {
            try {
                Files.delete(current);
            } catch (IOException notEmptyGoneOrNotAllowed) {
                return; // leaving an empty directory behind is harmless
            }
        }
    }

    @Override
    public void close() {
        writeBack.close();
    }

    @FunctionalInterface
    private interface IoAction<T> {
        T run() throws IOException;
    }
}
