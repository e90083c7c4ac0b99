package io.wharf.metadata.postgres;

import io.wharf.domain.model.BlobRecord;
import io.wharf.domain.port.MetadataCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.Optional;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The contract on a PostgreSQL server of your own: set WHARF_TEST_JDBC_URL (and, unless the URL has
 * them, WHARF_TEST_JDBC_USER / WHARF_TEST_JDBC_PASSWORD). Each test gets a schema, dropped afterwards.
 * Skipped when the variable is not set.
 */
class ExternalPostgresCatalogTest extends MetadataCatalogContract {
    private SchemaPerCatalog schemas;

    @BeforeAll
    void connect() {
        Optional<String> url = env("WHARF_TEST_JDBC_URL");
        // ./wharf test always provides a server; in CI a missing one is a broken set-up, not a skip.
        if (env("CI").isPresent()) {
            org.junit.jupiter.api.Assertions.assertTrue(url.isPresent(),
                    "CI must run the catalog contract on an external PostgreSQL: run ./wharf test");
        }
        assumeTrue(url.isPresent(), "WHARF_TEST_JDBC_URL is not set");
        schemas = new SchemaPerCatalog(url.get(), env("WHARF_TEST_JDBC_USER"), env("WHARF_TEST_JDBC_PASSWORD"));
    }

    @AfterAll
    void dropSchemas() {
        if (schemas != null) {
            schemas.dropAll();
        }
    }

    @Override
    protected MetadataCatalog newCatalog() {
        return schemas.newCatalog();
    }

    @Override
    protected long blobRows(BlobRecord blob) {
        return schemas.blobRows(blob);
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
    }
}
