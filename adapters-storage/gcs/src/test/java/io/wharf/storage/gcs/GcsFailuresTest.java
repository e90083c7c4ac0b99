package io.wharf.storage.gcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.google.cloud.storage.StorageException;

import java.io.IOException;

import org.junit.jupiter.api.Test;

class GcsFailuresTest {

    @Test
    void aServiceFailureNamesOperationObjectStatusAndReason() {
        StorageException denied = new StorageException(403, "wharf@p.iam.gserviceaccount.com does not have "
                + "storage.objects.get access", "forbidden", null);
        IOException e = GcsFailures.of("read", "gs://bucket/a/b", denied);
        assertEquals("GCS read of gs://bucket/a/b failed: status 403 forbidden: wharf@p.iam.gserviceaccount.com "
                + "does not have storage.objects.get access", e.getMessage());
        assertSame(denied, e.getCause());
    }

    @Test
    void aChannelFailureIsReportedByTheServiceErrorInside() {
        StorageException conflict = new StorageException(412, "precondition failed", "conditionNotMet", null);
        IOException e = GcsFailures.of("upload finish", "gs://bucket/up", new IOException("wrapped", conflict));
        assertEquals("GCS upload finish of gs://bucket/up failed: status 412 conditionNotMet: precondition failed",
                e.getMessage());
    }
}
