package io.wharf.storage.azure;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import com.azure.storage.blob.models.BlobCopyInfo;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.CopyStatusType;
import com.azure.storage.blob.models.DeleteSnapshotsOptionType;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlobInputStreamOptions;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import com.azure.storage.blob.sas.BlobSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import com.azure.storage.blob.specialized.BlockBlobClient;

import io.wharf.domain.port.PathNotFoundException;
import io.wharf.domain.port.StorageDriver;
import io.wharf.domain.port.StoragePaths;
import io.wharf.domain.port.StorageStat;
import io.wharf.domain.port.StorageWriter;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Objects are block blobs in one container, named by their path below {@code rootdirectory}; directories
 * are only name prefixes, so they exist exactly while a blob is below them.
 *
 * <p>Writers stage blocks and commit the block list when closed (see {@link BlockBlobWriter}); moves are
 * server-side copies; whole trees are deleted blob by blob, in parallel.
 */
final class AzureStorageDriver implements StorageDriver {
    static final String NAME = "azure";

    /** Azure's limit of committed blocks in one block blob. */
    static final int MAX_BLOCKS = 50_000;

    /** Bytes one ranged GET of a reader fetches. */
    private static final int READ_CHUNK = 4 << 20;
    /** Deletes of one tree in flight at once. */
    private static final int PARALLEL_DELETES = 32;
    private static final Duration COPY_POLL = Duration.ofMillis(250);
    /** How often a copy refused because another is pending onto the same blob is tried (about a minute). */
    private static final int COPY_ATTEMPTS = 240;
    private static final String DELIMITER = "/";

    private final AzureConnection azure;
    private final AzureSettings settings;

    AzureStorageDriver(AzureConnection azure) {
        this.azure = azure;
        this.settings = azure.settings();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<StorageStat> stat(String path) throws IOException {
        BlobTarget target = azure.target(path);
        try {
            BlobProperties properties = target.client().getProperties();
            return Optional.of(new StorageStat(path, properties.getBlobSize(), properties.getLastModified().toInstant()));
        } catch (RuntimeException e) {
            if (AzureFailures.hasStatus(e, AzureFailures.NOT_FOUND)) {
                return Optional.empty();
            }
            throw target.failure("get properties", e);
        }
    }

    /**
     * Streams ranged GETs of {@value #READ_CHUNK} bytes, all pinned to the ETag of the first, so a blob
     * replaced mid-read fails the read instead of mixing two versions.
     */
    @Override
    public InputStream reader(String path, long offset) throws IOException {
        if (offset < 0) {
            throw new IllegalArgumentException("offset " + offset + " is negative");
        }
        BlobTarget target = azure.target(path);
        try {
            return new BlobReader(target, target.client().openInputStream(new BlobInputStreamOptions()
                    .setRange(new BlobRange(offset))
                    .setBlockSize(READ_CHUNK)));
        } catch (RuntimeException e) {
            if (AzureFailures.hasStatus(e, AzureFailures.NOT_FOUND)) {
                throw new PathNotFoundException(path);
            }
            if (AzureFailures.hasStatus(e, AzureFailures.RANGE_NOT_SATISFIABLE)) {
                return InputStream.nullInputStream(); // the blob exists and the offset is at or past its end
            }
            throw target.failure("read", e);
        }
    }

    @Override
    public StorageWriter writer(String path, boolean append) throws IOException {
        BlobTarget target = azure.target(path);
        BlobBase base = append ? BlobBase.read(target) : BlobBase.replacing();
        BlockStager stager = new BlockStager(target, azure.workers(), settings.blockSize(), settings.parallelBlocks(),
                MAX_BLOCKS - base.blockIds().size());
        return new BlockBlobWriter(target, base, stager);
    }

    @Override
    public byte[] getContent(String path) throws IOException {
        BlobTarget target = azure.target(path);
        try {
            return target.client().downloadContent().toBytes();
        } catch (RuntimeException e) {
            if (AzureFailures.hasStatus(e, AzureFailures.NOT_FOUND)) {
                throw new PathNotFoundException(path);
            }
            throw target.failure("download", e);
        }
    }

    /** One Put Blob: the service swaps the whole blob in at once. */
    @Override
    public void putContent(String path, byte[] content) throws IOException {
        BlobTarget target = azure.target(path);
        BlockBlobClient blob = target.client().getBlockBlobClient();
        try {
            blob.uploadWithResponse(new BlockBlobSimpleUploadOptions(BinaryData.fromBytes(content)), null, Context.NONE);
        } catch (RuntimeException e) {
            throw target.failure("upload", e);
        }
    }

    /**
     * A server-side Copy Blob, then the source deleted: no byte passes through this process. Azure runs a
     * copy within one account at once as a rule; one it schedules in the background is awaited before the
     * source goes. A blob written by Copy Blob keeps the source's committed blocks.
     */
    @Override
    public void move(String from, String to) throws IOException {
        BlobTarget source = azure.target(from);
        if (from.equals(to)) {
            if (stat(from).isEmpty()) {
                throw new PathNotFoundException(from);
            }
            return;
        }
        BlobTarget target = azure.target(to);
        String sourceUrl = source.client().getBlobUrl() + azure.sasForCopySource().map(sas -> "?" + sas).orElse("");
        for (int attempt = 1; ; attempt++) {
            try {
                copy(source, target, sourceUrl);
                break;
            } catch (RuntimeException e) {
                if (AzureFailures.hasStatus(e, AzureFailures.NOT_FOUND) && !isContainerMissing(e)) {
                    throw new PathNotFoundException(from);
                }
                // racing pushes of one layer each move an upload onto the same blob; the service takes one copy at a time
                if (!isPendingCopy(e) || attempt == COPY_ATTEMPTS) {
                    throw AzureFailures.io("copy from '" + source.name() + "'", settings.container(), target.name(), e);
                }
            }
            pause(COPY_POLL);
        }
        try {
            source.client().delete();
        } catch (RuntimeException e) {
            if (!AzureFailures.hasStatus(e, AzureFailures.NOT_FOUND)) {
                throw source.failure("delete after copy", e);
            }
        }
    }

    /**
     * The object at {@code path} if there is one, else every blob below it as a directory. Tree deletes run
     * {@value #PARALLEL_DELETES} at a time; a blob gone meanwhile is not an error.
     */
    @Override
    public void delete(String path) throws IOException {
        BlobTarget target = azure.target(path);
        try {
            target.client().deleteWithResponse(DeleteSnapshotsOptionType.INCLUDE, null, null, Context.NONE);
            return;
        } catch (RuntimeException e) {
            if (!AzureFailures.hasStatus(e, AzureFailures.NOT_FOUND)) {
                throw target.failure("delete", e);
            }
        }
        if (deleteTree(settings.names().directoryPrefix(path)) == 0) {
            throw new PathNotFoundException(path);
        }
    }

    @Override
    public List<String> list(String path) throws IOException {
        String prefix = settings.names().directoryPrefix(path);
        String childPrefix = "/".equals(path) ? "/" : path + "/";
        List<String> children = new ArrayList<>();
        ListBlobsOptions options = new ListBlobsOptions().setPrefix(prefix.isEmpty() ? null : prefix);
        try {
            for (BlobItem item : azure.container().listBlobsByHierarchy(DELIMITER, options, null)) {
                String child = item.getName().substring(prefix.length());
                if (Boolean.TRUE.equals(item.isPrefix()) && child.endsWith(DELIMITER)) {
                    child = child.substring(0, child.length() - 1);
                }
                // other tools' blobs may have names no storage path can have; they are not ours to show
                if (StoragePaths.isComponent(child)) {
                    children.add(childPrefix + child);
                }
            }
        } catch (RuntimeException e) {
            throw AzureFailures.io("list '" + prefix + "'", settings.container(), null, e);
        }
        if (children.isEmpty() && !"/".equals(path)) {
            throw new PathNotFoundException(path);
        }
        Collections.sort(children); // the service orders "a/" after "a-b"; paths order "a" first
        return children;
    }

    /** A read-only SAS URL for the blob, when the driver holds the account key to sign it. */
    @Override
    public Optional<URI> redirectUrl(String path, Duration expiry) throws IOException {
        if (!settings.credential().canSign()) {
            return Optional.empty();
        }
        BlobTarget target = azure.target(path);
        try {
            String sas = target.client().generateSas(new BlobServiceSasSignatureValues(
                    OffsetDateTime.now().plus(expiry), new BlobSasPermission().setReadPermission(true)));
            return Optional.of(URI.create(target.client().getBlobUrl() + "?" + sas));
        } catch (RuntimeException e) {
            throw target.failure("sign a read URL", e);
        }
    }

    @Override
    public void close() {
        azure.close();
    }

    private int deleteTree(String prefix) throws IOException {
        Semaphore slots = new Semaphore(PARALLEL_DELETES);
        AtomicReference<IOException> failure = new AtomicReference<>();
        List<Future<?>> deletes = new ArrayList<>();
        try {
            for (BlobItem item : azure.container().listBlobs(new ListBlobsOptions().setPrefix(prefix), null)) {
                if (failure.get() != null) {
                    break;
                }
                String name = item.getName();
                slots.acquire();
                deletes.add(azure.workers().submit(() -> {
                    try {
                        azure.container().getBlobClient(name)
                                .deleteWithResponse(DeleteSnapshotsOptionType.INCLUDE, null, null, Context.NONE);
                    } catch (RuntimeException e) {
                        if (!AzureFailures.hasStatus(e, AzureFailures.NOT_FOUND)) {
                            failure.compareAndSet(null, AzureFailures.io("delete", settings.container(), name, e));
                        }
                    } finally {
                        slots.release();
                    }
                }));
            }
            for (Future<?> delete : deletes) {
                delete.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while deleting '" + prefix + "'");
        } catch (ExecutionException e) {
            throw new IllegalStateException("deletes report their own failures", e);
        } catch (RuntimeException e) {
            throw AzureFailures.io("list '" + prefix + "' to delete it", settings.container(), null, e);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return deletes.size();
    }

    private void copy(BlobTarget source, BlobTarget target, String sourceUrl) throws IOException {
        SyncPoller<BlobCopyInfo, Void> copy = target.client().beginCopy(sourceUrl, COPY_POLL);
        PollResponse<BlobCopyInfo> done = copy.waitForCompletion();
        BlobCopyInfo info = done.getValue();
        if (done.getStatus() != LongRunningOperationStatus.SUCCESSFULLY_COMPLETED
                || (info != null && info.getCopyStatus() != CopyStatusType.SUCCESS)) {
            throw new IOException("Azure copy of '" + source.name() + "' to '" + target.name() + "' in container '"
                    + settings.container() + "' ended " + (info == null ? done.getStatus() : info.getCopyStatus())
                    + (info == null || info.getError() == null ? "" : ": " + info.getError()));
        }
    }

    private static void pause(Duration duration) throws InterruptedIOException {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to copy");
        }
    }

    private static boolean isPendingCopy(RuntimeException e) {
        return e instanceof BlobStorageException failure && BlobErrorCode.PENDING_COPY_OPERATION.equals(failure.getErrorCode());
    }

    private static boolean isContainerMissing(RuntimeException e) {
        return e instanceof BlobStorageException failure && BlobErrorCode.CONTAINER_NOT_FOUND.equals(failure.getErrorCode());
    }
}
