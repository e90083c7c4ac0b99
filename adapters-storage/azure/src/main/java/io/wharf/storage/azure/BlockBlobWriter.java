package io.wharf.storage.azure;

import com.azure.core.util.Context;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.options.BlobInputStreamOptions;
import com.azure.storage.blob.options.BlockBlobCommitBlockListOptions;
import com.azure.storage.blob.specialized.BlockBlobClient;

import io.wharf.domain.port.StorageWriter;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes one block blob, complete at close: blocks are staged while writing, and {@link #close()} or
 * {@link #commit()} commits the block list (the blocks committed before this writer, then its own). A
 * reader, or the next writer on another instance, sees the previous version until then and all of this
 * one after, and appending never copies the bytes already stored.
 */
final class BlockBlobWriter implements StorageWriter {
    private enum State { OPEN, COMMITTED, CANCELLED, CLOSED }

    private static final int ADOPT_CHUNK = 1 << 20;

    private final BlobTarget target;
    private final BlobBase base;
    private final BlockStager stager;
    private long written;
    private boolean adopted;
    private State state = State.OPEN;

    BlockBlobWriter(BlobTarget target, BlobBase base, BlockStager stager) {
        this.target = target;
        this.base = base;
        this.stager = stager;
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        requireOpen();
        if (length == 0) {
            return;
        }
        if (base.kind() == BlobBase.Kind.FOREIGN && !adopted) {
            adoptExistingBytes();
        }
        stager.write(buffer, offset, length);
        written += length;
    }

    @Override
    public long size() {
        return base.size() + written;
    }

    @Override
    public void commit() throws IOException {
        requireOpen();
        state = State.CLOSED; // a failed commit must not be retried by close() with half the blocks
        commitBlocks();
        state = State.COMMITTED;
    }

    /** Idempotent, and a no-op after commit or cancel, so try-with-resources around either is fine. */
    @Override
    public void close() throws IOException {
        if (state == State.OPEN) {
            state = State.CLOSED;
            commitBlocks();
        }
    }

    /**
     * Deletes the blob, which takes its uncommitted blocks along. A blob that was never committed cannot be
     * deleted, so its staged blocks are first committed as an empty blob, rather than left for the service
     * to collect after a week.
     */
    @Override
    public void cancel() throws IOException {
        if (state == State.COMMITTED) {
            throw new IllegalStateException("writer for " + target.path() + " is already committed");
        }
        if (state == State.CANCELLED) {
            return;
        }
        state = State.CANCELLED;
        stager.abandon();
        if (deleteBlob() || !stager.stagedAny()) {
            return;
        }
        try {
            target.client().getBlockBlobClient().commitBlockListWithResponse(new BlockBlobCommitBlockListOptions(List.of())
                    .setRequestConditions(new BlobRequestConditions().setIfNoneMatch("*")), null, Context.NONE);
        } catch (RuntimeException e) {
            if (AzureFailures.hasStatus(e, AzureFailures.PRECONDITION_FAILED)) {
                return; // another writer committed meanwhile: that blob is not ours to delete
            }
            throw target.failure("commit empty block list", e);
        }
        deleteBlob();
    }

    private void commitBlocks() throws IOException {
        List<String> added;
        try {
            added = stager.finish();
        } catch (IOException e) {
            stager.abandon();
            throw e;
        }
        if (written == 0 && !base.commitsWithoutWrites()) {
            return; // reopened only to commit: the blob stays exactly as it is
        }
        List<String> blocks = new ArrayList<>(base.blockIds());
        blocks.addAll(added);
        BlockBlobClient blob = target.client().getBlockBlobClient();
        try {
            blob.commitBlockListWithResponse(new BlockBlobCommitBlockListOptions(blocks)
                    .setRequestConditions(base.conditions()), null, Context.NONE);
        } catch (RuntimeException e) {
            if (AzureFailures.hasStatus(e, AzureFailures.PRECONDITION_FAILED)) {
                if (written == 0 && base.kind() == BlobBase.Kind.MISSING) {
                    return; // it was to be created empty, and another writer created it first
                }
                throw new IOException("Azure commit block list refused for blob '" + target.name() + "' in container '"
                        + target.container() + "': it changed since this writer opened it (another writer committed)",
                        e);
            }
            throw target.failure("commit block list", e);
        }
    }

    /** Copies the bytes of a blob that has no usable block list into new blocks, read at the version we opened. */
    private void adoptExistingBytes() throws IOException {
        adopted = true;
        BlobInputStreamOptions options = new BlobInputStreamOptions()
                .setRequestConditions(new BlobRequestConditions().setIfMatch(base.etag()));
        try (InputStream existing = target.client().openInputStream(options)) {
            byte[] chunk = new byte[ADOPT_CHUNK];
            for (int n; (n = existing.read(chunk)) != -1; ) {
                stager.write(chunk, 0, n);
            }
        } catch (RuntimeException e) {
            throw target.failure("read blob to continue it", e);
        }
    }

    /** Whether a committed blob was there to delete. */
    private boolean deleteBlob() throws IOException {
        try {
            target.client().delete();
            return true;
        } catch (RuntimeException e) {
            if (AzureFailures.hasStatus(e, AzureFailures.NOT_FOUND)) {
                return false;
            }
            throw target.failure("delete blob", e);
        }
    }

    private void requireOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("writer for " + target.path() + " is " + state.name().toLowerCase(Locale.ROOT));
        }
    }
}
