package io.wharf.domain.port;

/** Whether the catalog's database answers, for the health and readiness checks. */
public interface CatalogPing {

    /**
     * One cheap round trip to the database, through the same connections requests use, so it fails when
     * they would. Returns when the database answered; throws (unchecked) naming what failed. It may block
     * while the database is unreachable, up to the connection pool's own wait: callers that must answer
     * quickly bound their wait and interrupt the call.
     */
    void ping();
}
