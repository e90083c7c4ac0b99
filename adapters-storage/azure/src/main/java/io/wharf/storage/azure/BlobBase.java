package io.wharf.storage.azure;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.rest.Response;
import com.azure.core.util.Context;
import com.azure.storage.blob.models.Block;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlockList;
import com.azure.storage.blob.models.BlockListType;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * What a writer builds on: the blob as it was committed when the writer opened. Its ETag guards the
 * commit, so a writer that went stale (another instance committed since) fails instead of dropping
 * the other's bytes.
 *
 * @param kind     how the new blocks relate to the existing blob
 * @param etag     the blob's ETag when it exists
 * @param size     bytes already committed that the writer continues
 * @param blockIds the committed blocks the new ones are appended to
 */
record BlobBase(Kind kind, String etag, long size, List<String> blockIds) {
    private static final int READ_ATTEMPTS = 3;
    private static final HttpHeaderName BLOB_CONTENT_LENGTH = HttpHeaderName.fromString("x-ms-blob-content-length");

    enum Kind {
        /** {@code writer(path, false)}: the commit replaces whatever is there, even without writes. */
        REPLACE,
        /** Appending to nothing: the commit creates the blob, even empty, unless someone else did first. */
        MISSING,
        /** Appending to our own blocks: the committed list is kept and extended, no byte is copied. */
        BLOCKS,
        /**
         * Appending to a blob whose bytes are not all in blocks this driver can list again (a Put Blob
         * upload, another tool's blob): its bytes are staged anew before the first new ones.
         */
        FOREIGN
    }

    BlobBase {
        blockIds = List.copyOf(blockIds);
    }

    static BlobBase replacing() {
        return new BlobBase(Kind.REPLACE, null, 0, List.of());
    }

    /**
     * Reads the committed block list; one request gives the blocks, the ETag and the blob's length. An
     * empty answer is ambiguous: blocks may be staged on a blob never committed, which some services
     * answer with an ETag of its own, so existence is then asked of the blob's properties.
     */
    static BlobBase read(BlobTarget target) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Response<BlockList> response;
            try {
                response = target.client().getBlockBlobClient()
                        .listBlocksWithResponse(BlockListType.COMMITTED, null, null, Context.NONE);
            } catch (RuntimeException e) {
                if (AzureFailures.hasStatus(e, AzureFailures.NOT_FOUND)) {
                    return missing();
                }
                throw target.failure("get block list", e);
            }
            HttpHeaders headers = response.getHeaders();
            String etag = headers.getValue(HttpHeaderName.ETAG);
            String length = headers.getValue(BLOB_CONTENT_LENGTH);
            List<Block> blocks = response.getValue().getCommittedBlocks();
            if (etag != null && length != null && !(blocks.isEmpty() && Long.parseLong(length) == 0)) {
                return fromBlocks(etag, Long.parseLong(length), blocks);
            }
            Optional<BlobBase> empty = emptyOrMissing(target);
            if (empty.isPresent()) {
                return empty.get();
            }
            if (attempt == READ_ATTEMPTS) {
                throw new IOException("blob '" + target.name() + "' in container '" + target.container()
                        + "' kept changing while a writer opened it");
            }
        }
    }

    /** Asked after the block list, so an ETag read here can only be newer: a commit under it drops nothing. */
    private static Optional<BlobBase> emptyOrMissing(BlobTarget target) throws IOException {
        BlobProperties properties;
        try {
            properties = target.client().getProperties();
        } catch (RuntimeException e) {
            if (AzureFailures.hasStatus(e, AzureFailures.NOT_FOUND)) {
                return Optional.of(missing());
            }
            throw target.failure("get properties", e);
        }
        if (properties.getBlobSize() != 0) {
            return Optional.empty(); // written meanwhile: read its blocks again
        }
        return Optional.of(new BlobBase(Kind.BLOCKS, properties.getETag(), 0, List.of()));
    }

    private static BlobBase missing() {
        return new BlobBase(Kind.MISSING, null, 0, List.of());
    }

    private static BlobBase fromBlocks(String etag, long size, List<Block> blocks) {
        long inBlocks = 0;
        boolean ours = true;
        for (Block block : blocks) {
            inBlocks += block.getSizeLong();
            ours &= BlockIds.fits(block.getName());
        }
        if (!ours || inBlocks != size) {
            return new BlobBase(Kind.FOREIGN, etag, size, List.of());
        }
        return new BlobBase(Kind.BLOCKS, etag, size, blocks.stream().map(Block::getName).toList());
    }

    /** Whether closing the writer commits even when nothing was written. */
    boolean commitsWithoutWrites() {
        return kind == Kind.REPLACE || kind == Kind.MISSING;
    }

    /** Commit only onto the blob this writer read: the same version, or still none. */
    BlobRequestConditions conditions() {
        return switch (kind) {
            case REPLACE -> null;
            case MISSING -> new BlobRequestConditions().setIfNoneMatch("*");
            case BLOCKS, FOREIGN -> new BlobRequestConditions().setIfMatch(etag);
        };
    }
}
