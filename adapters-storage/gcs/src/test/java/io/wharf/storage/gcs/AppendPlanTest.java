package io.wharf.storage.gcs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AppendPlanTest {
    private static final int CHUNK = 16 << 20;

    @Test
    void nothingOrAnEmptyObjectIsSimplyUploaded() {
        assertEquals(AppendPlan.UPLOAD, AppendPlan.choose(null, CHUNK));
        assertEquals(AppendPlan.UPLOAD, AppendPlan.choose(new StoredObject(0, 7, 1), CHUNK));
    }

    @Test
    void lessThanAChunkIsCopiedForward() {
        assertEquals(AppendPlan.COPY_FORWARD, AppendPlan.choose(new StoredObject(1, 7, 1), CHUNK));
        assertEquals(AppendPlan.COPY_FORWARD, AppendPlan.choose(new StoredObject(CHUNK - 1, 7, 1), CHUNK));
    }

    @Test
    void aChunkOrMoreIsComposedUntilTheComponentLimit() {
        assertEquals(AppendPlan.COMPOSE, AppendPlan.choose(new StoredObject(CHUNK, 7, 1), CHUNK));
        assertEquals(AppendPlan.COMPOSE, AppendPlan.choose(new StoredObject(5L << 30, 7, 1023), CHUNK));
        assertEquals(AppendPlan.COPY_FORWARD, AppendPlan.choose(new StoredObject(5L << 30, 7, 1024), CHUNK));
    }
}
