package io.wharf.storage.gcs;

import com.google.api.gax.paging.Page;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.BaseServiceException;
import com.google.cloud.ReadChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.HttpMethod;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.Storage.BlobField;
import com.google.cloud.storage.Storage.BlobListOption;
import com.google.cloud.storage.Storage.CopyRequest;
import com.google.cloud.storage.Storage.SignUrlOption;

import io.wharf.domain.port.PathNotFoundException;
import io.wharf.domain.port.StorageDriver;
import io.wharf.domain.port.StoragePaths;
import io.wharf.domain.port.StorageStat;
import io.wharf.domain.port.StorageWriter;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Objects live in one bucket at {@code rootdirectory + path}, so {@code docker/registry/v2/...} is distribution's
 * layout and a bucket distribution wrote can be used in place. Directories are only prefixes of object names:
 * they exist while an object is below them.
 *
 * <p>Objects of the driver's own (temporaries of an append) carry a {@code '~'} in their names. No valid storage
 * path can contain one, so they can never collide with or be mistaken for an object, and {@link #list} leaves
 * them out.
 */
final class GcsStorageDriver implements StorageDriver {
    static final String NAME = "gcs";

    /** V4 signatures are valid for at most seven days. */
    private static final Duration LONGEST_SIGNED_URL = Duration.ofDays(7);

    private final Storage storage;
    private final ObjectNames names;
    private final int chunkSize;
    private final ObjectDeletes deletes;

    /** {@code storage} is owned by the driver from now on: {@link #close()} closes it. */
    GcsStorageDriver(Storage storage, ObjectNames names, int chunkSize) {
        this.storage = storage;
        this.names = names;
        this.chunkSize = chunkSize;
        this.deletes = new ObjectDeletes(storage);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<StorageStat> stat(String path) throws IOException {
        return find(path, "stat").map(blob -> new StorageStat(path, sizeOf(blob), modified(blob)));
    }

    @Override
    public InputStream reader(String path, long offset) throws IOException {
        if (offset < 0) {
            throw new IllegalArgumentException("offset " + offset + " is negative");
        }
        Blob blob = find(path, "read").orElseThrow(() -> new PathNotFoundException(path));
        if (offset >= sizeOf(blob)) {
            return InputStream.nullInputStream();
        }
        ReadChannel channel = storage.reader(names.blob(path));
        try {
            channel.seek(offset);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return new GcsInputStream(channel, path, names.describe(path));
    }

    @Override
    public StorageWriter writer(String path, boolean append) throws IOException {
        StoredObject stored = append ? find(path, "open for append").map(StoredObject::of).orElse(null) : null;
        return new GcsStorageWriter(storage, names, chunkSize, path, stored);
    }

    @Override
    public byte[] getContent(String path) throws IOException {
        try {
            return storage.readAllBytes(names.blob(path));
        } catch (BaseServiceException e) {
            throw notFoundOr(path, "read", e);
        }
    }

    /** One single-request upload: the object appears whole or not at all. */
    @Override
    public void putContent(String path, byte[] content) throws IOException {
        try {
            storage.create(BlobInfo.newBuilder(names.blob(path)).build(), content);
        } catch (BaseServiceException e) {
            throw GcsFailures.of("create", names.describe(path), e);
        }
    }

    /**
     * GCS has no rename: a server-side copy (rewrite), which makes the target appear whole, then deleting
     * the source generation that was copied, so a source rewritten meanwhile is left alone.
     */
    @Override
    public void move(String from, String to) throws IOException {
        Blob source = find(from, "move").orElseThrow(() -> new PathNotFoundException(from));
        if (from.equals(to)) {
            return;
        }
        long generation = StoredObject.of(source).generation();
        BlobId copied = names.blob(from, generation);
        try {
            storage.copy(CopyRequest.newBuilder().setSource(copied).setTarget(names.blob(to)).build()).getResult();
        } catch (BaseServiceException e) {
            throw notFoundOr(from, "copy to " + names.describe(to) + " (move)", e);
        }
        try {
            storage.delete(copied);
        } catch (BaseServiceException e) {
            throw GcsFailures.of("delete (move)", names.describe(from), e);
        }
    }

    /** The object at {@code path} and every object below it: object stores allow both at once. */
    @Override
    public void delete(String path) throws IOException {
        boolean deleted;
        try {
            deleted = storage.delete(names.blob(path));
        } catch (BaseServiceException e) {
            throw GcsFailures.of("delete", names.describe(path), e);
        }
        deleted |= deleteTree(path);
        if (!deleted) {
            throw new PathNotFoundException(path);
        }
    }

    /** Deletes page by page, so a huge tree never sits in memory; a page token survives deletions before it. */
    private boolean deleteTree(String path) throws IOException {
        String prefix = names.directoryPrefix(path);
        boolean deleted = false;
        try {
            Page<Blob> page = storage.list(names.bucket(), BlobListOption.prefix(prefix),
                    BlobListOption.fields(BlobField.NAME));
            while (page != null) {
                List<BlobId> batch = new ArrayList<>();
                for (Blob blob : page.getValues()) {
                    batch.add(BlobId.of(names.bucket(), blob.getName()));
                    if (batch.size() == ObjectDeletes.MOST_PER_BATCH) {
                        deleted |= deletes.deleteAll(batch);
                        batch.clear();
                    }
                }
                deleted |= deletes.deleteAll(batch);
                page = page.hasNextPage() ? page.getNextPage() : null;
            }
        } catch (BaseServiceException e) {
            throw GcsFailures.of("delete tree", names.describeName(prefix), e);
        }
        return deleted;
    }

    /** One delimiter listing: objects directly below, and the prefixes of deeper ones, which are the subdirectories. */
    @Override
    public List<String> list(String path) throws IOException {
        String prefix = names.directoryPrefix(path);
        List<String> children = new ArrayList<>();
        try {
            Page<Blob> page = storage.list(names.bucket(), BlobListOption.prefix(prefix),
                    BlobListOption.currentDirectory(), BlobListOption.fields(BlobField.NAME));
            for (Blob blob : page.iterateAll()) {
                String name = blob.getName();
                String child = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
                // skips the driver's own temporaries, and names no storage path can have ("dir/" markers, "a//b")
                if (StoragePaths.isComponent(child.substring(prefix.length()))) {
                    children.add(names.path(child));
                }
            }
        } catch (BaseServiceException e) {
            throw GcsFailures.of("list", names.describeName(prefix), e);
        }
        if (children.isEmpty() && !StoragePaths.ROOT.equals(path)) {
            throw new PathNotFoundException(path);
        }
        // GCS orders by name, where "a-b" comes before "a/": paths sort differently
        Collections.sort(children);
        return children;
    }

    /**
     * A V4 signed GET URL, when the credentials hold a private key to sign with (a service account key file).
     * Signing is local: no request is made, and the object's existence is not checked.
     */
    @Override
    public Optional<URI> redirectUrl(String path, Duration expiry) throws IOException {
        if (!(storage.getOptions().getCredentials() instanceof ServiceAccountCredentials)) {
            return Optional.empty();
        }
        long seconds = Math.max(1, (expiry.compareTo(LONGEST_SIGNED_URL) > 0 ? LONGEST_SIGNED_URL : expiry).toSeconds());
        try {
            return Optional.of(storage.signUrl(BlobInfo.newBuilder(names.blob(path)).build(), seconds, TimeUnit.SECONDS,
                    SignUrlOption.withV4Signature(), SignUrlOption.httpMethod(HttpMethod.GET),
                    SignUrlOption.withHostName(host())).toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IOException("GCS signing a URL for " + names.describe(path) + " failed: " + e.getMessage(), e);
        }
    }

    /** The JSON API host, which serves signed URLs too; the SDK's default ends with a '/' that would double up. */
    private String host() {
        String host = storage.getOptions().getHost();
        return host.endsWith("/") ? host.substring(0, host.length() - 1) : host;
    }

    @Override
    public void close() throws IOException {
        try {
            storage.close();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while closing the GCS client", e);
        } catch (Exception e) {
            throw new IOException("closing the GCS client failed", e);
        }
    }

    private Optional<Blob> find(String path, String operation) throws IOException {
        try {
            return Optional.ofNullable(storage.get(names.blob(path)));
        } catch (BaseServiceException e) {
            throw GcsFailures.of(operation, names.describe(path), e);
        }
    }

    private IOException notFoundOr(String path, String operation, BaseServiceException e) {
        return GcsFailures.isNotFound(e) ? new PathNotFoundException(path) : GcsFailures.of(operation, names.describe(path), e);
    }

    private static long sizeOf(Blob blob) {
        Long size = blob.getSize();
        return size == null ? 0 : size;
    }

    private static Instant modified(Blob blob) {
        OffsetDateTime updated = blob.getUpdateTimeOffsetDateTime();
        if (updated == null) {
            updated = blob.getCreateTimeOffsetDateTime();
        }
        return updated == null ? Instant.EPOCH : updated.toInstant();
    }
}
