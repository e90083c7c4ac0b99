package io.wharf.storage.gcs;

import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageBatch;
import com.google.cloud.storage.StorageBatchResult;

import java.util.ArrayList;
import java.util.List;

/**
 * Deletes many objects, in JSON API batch requests where the transport has them. The SDK's other transports
 * (gRPC, and Google's in-process fake the tests use) say they cannot when asked for a batch; deletes then go
 * one object at a time. The batch path is verified only against a real endpoint (see docs/storage-gcs.md).
 */
final class ObjectDeletes {
    /** GCS's limit for calls in one batch request. */
    static final int MOST_PER_BATCH = 100;

    private final Storage storage;
    private final boolean batches;

    ObjectDeletes(Storage storage) {
        this.storage = storage;
        this.batches = canBatch(storage);
    }

    /** Making a batch sends nothing, so asking costs nothing. */
    private static boolean canBatch(Storage storage) {
        try {
            storage.batch();
            return true;
        } catch (UnsupportedOperationException noBatches) {
            return false;
        }
    }

    /**
     * Whether any of at most {@link #MOST_PER_BATCH} {@code blobs} was deleted; ones already gone (a concurrent
     * delete) are fine. A failed call throws the SDK's exception.
     */
    boolean deleteAll(List<BlobId> blobs) {
        if (blobs.isEmpty()) {
            return false;
        }
        boolean deleted = false;
        if (!batches || blobs.size() == 1) {
            for (BlobId blob : blobs) {
                deleted |= storage.delete(blob);
            }
            return deleted;
        }
        StorageBatch batch = storage.batch();
        List<StorageBatchResult<Boolean>> results = new ArrayList<>();
        for (BlobId blob : blobs) {
            results.add(batch.delete(blob));
        }
        batch.submit();
        for (StorageBatchResult<Boolean> result : results) {
            deleted |= result.get(); // throws the call's StorageException if it failed
        }
        return deleted;
    }
}
